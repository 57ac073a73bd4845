import type { NoticeLanguage, NotificationTemplate } from '../notification-templates';

/** The subject line of each notice's e-mail; the application's reference is added after it. */
const SUBJECTS: Record<NotificationTemplate, Record<NoticeLanguage, string>> = {
  SUBMITTED: { vi: 'Hồ sơ đã được tiếp nhận', en: 'Application received' },
  PAID: { vi: 'Đã nhận lệ phí', en: 'Payment received' },
  PAYMENT_FAILED: { vi: 'Thanh toán không thành công', en: 'Payment failed' },
  EXPIRED: { vi: 'Hồ sơ đã hết hạn', en: 'Application expired' },
  CANCELLED: { vi: 'Hồ sơ đã được hủy', en: 'Application cancelled' },
  IN_REVIEW: { vi: 'Hồ sơ đang chờ xét duyệt', en: 'Application awaiting a decision' },
  REJECTED: { vi: 'Hồ sơ không được chấp nhận', en: 'Application refused' },
  NEEDS_INFO: { vi: 'Hồ sơ cần bổ sung thông tin', en: 'More information needed' },
  APPROVED: { vi: 'Hồ sơ đã được phê duyệt', en: 'Application approved' },
  ISSUED: { vi: 'Giấy phép lái xe mới đã được cấp', en: 'New licence issued' },
  READY_FOR_COLLECTION: { vi: 'Giấy phép sẵn sàng để nhận', en: 'Licence ready for collection' },
  IN_DELIVERY: { vi: 'Giấy phép đang được chuyển phát', en: 'Licence on its way' },
  DELIVERED: { vi: 'Giấy phép đã được giao', en: 'Licence delivered' },
  RETURNED_TO_OFFICE: { vi: 'Giấy phép đã chuyển về cơ quan cấp', en: 'Licence returned to the office' },
  COLLECTED: { vi: 'Bạn đã nhận giấy phép', en: 'Licence collected' },
  VERIFYING_LICENCE: { vi: 'Giấy phép đang được xác minh', en: 'Your licence is being verified' },
  LICENCE_VERIFIED: { vi: 'Giấy phép đã được xác minh', en: 'Your licence has been verified' },
  REFUNDED: { vi: 'Lệ phí đã được hoàn lại', en: 'Fee refunded' },
};

export function emailSubject(template: NotificationTemplate, language: NoticeLanguage): string {
  return SUBJECTS[template][language];
}

/** The words around the notice in every e-mail. */
export const EMAIL_WORDS: Record<NoticeLanguage, Record<string, string>> = {
  vi: {
    service: 'Dịch vụ cấp đổi giấy phép lái xe trực tuyến',
    greeting: 'Kính gửi Quý công dân,',
    reference: 'Mã hồ sơ',
    follow: 'Xem hồ sơ của bạn',
    noReply: 'Đây là thư tự động, vui lòng không trả lời thư này.',
    preferences: 'Bạn có thể chọn nhận thông báo qua SMS hoặc e-mail và ngôn ngữ tại trang Tài khoản.',
  },
  en: {
    service: 'Online driving licence renewal',
    greeting: 'Dear citizen,',
    reference: 'Application reference',
    follow: 'See your application',
    noReply: 'This message was sent automatically; please do not reply to it.',
    preferences: 'You can choose SMS or e-mail notices, and their language, on your Account page.',
  },
};
