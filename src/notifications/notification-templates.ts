/**
 * What citizens are told at each step, in Vietnamese and English; each notice is sent in the language
 * the citizen chose on their account (Vietnamese by default). Parameters are filled from the case.
 */
export type NotificationTemplate =
  | 'SUBMITTED'
  | 'PAID'
  | 'PAYMENT_FAILED'
  | 'EXPIRED'
  | 'CANCELLED'
  | 'IN_REVIEW'
  | 'REJECTED'
  | 'NEEDS_INFO'
  | 'APPROVED'
  | 'ISSUED'
  | 'READY_FOR_COLLECTION'
  | 'IN_DELIVERY'
  | 'DELIVERED'
  | 'RETURNED_TO_OFFICE'
  | 'COLLECTED';

type Params = Record<string, string | number>;

const TEXT: Record<NotificationTemplate, { vi: string; en: string }> = {
  SUBMITTED: {
    vi: 'Hồ sơ {reference} đã được tiếp nhận. Vui lòng nộp lệ phí {amount} VND trước {dueBy}.',
    en: 'Application {reference} received. Please pay the fee of {amount} VND by {dueBy}.',
  },
  PAID: {
    vi: 'Đã nhận lệ phí cho hồ sơ {reference}. Hồ sơ đang được kiểm tra tự động.',
    en: 'Payment received for {reference}. Your application is being checked.',
  },
  PAYMENT_FAILED: {
    vi: 'Thanh toán cho hồ sơ {reference} không thành công. Bạn có thể thanh toán lại trước {dueBy}.',
    en: 'The payment for {reference} failed. You can pay again by {dueBy}.',
  },
  EXPIRED: {
    vi: 'Hồ sơ {reference} đã hết hạn vì chưa nộp lệ phí.',
    en: 'Application {reference} expired because the fee was not paid in time.',
  },
  CANCELLED: {
    vi: 'Hồ sơ {reference} đã được hủy theo yêu cầu của bạn.',
    en: 'Application {reference} was cancelled as you asked.',
  },
  IN_REVIEW: {
    vi: 'Hồ sơ {reference} đã qua kiểm tra tự động và đang chờ cán bộ xét duyệt (hạn {dueBy}).',
    en: 'Application {reference} passed the automatic checks and awaits a decision (due {dueBy}).',
  },
  REJECTED: {
    vi: 'Hồ sơ {reference} không được chấp nhận: {reason}',
    en: 'Application {reference} was refused: {reason}',
  },
  NEEDS_INFO: {
    vi: 'Hồ sơ {reference} cần bổ sung thông tin: {message}',
    en: 'Application {reference} needs more information: {message}',
  },
  APPROVED: {
    vi: 'Hồ sơ {reference} đã được phê duyệt. Giấy phép mới đang được in.',
    en: 'Application {reference} was approved. Your new licence is being printed.',
  },
  ISSUED: {
    vi: 'Giấy phép lái xe mới số {licenceNumber} đã được cấp.',
    en: 'Your new licence {licenceNumber} has been issued.',
  },
  READY_FOR_COLLECTION: {
    vi: 'Giấy phép lái xe mới của bạn đã sẵn sàng để nhận tại {office}.',
    en: 'Your new licence is ready for collection at {office}.',
  },
  IN_DELIVERY: {
    vi: 'Bưu điện đang chuyển giấy phép của bạn (mã vận đơn {trackingNumber}).',
    en: 'The post is delivering your licence (tracking {trackingNumber}).',
  },
  DELIVERED: { vi: 'Giấy phép của bạn đã được giao.', en: 'Your licence has been delivered.' },
  RETURNED_TO_OFFICE: {
    vi: 'Không giao được giấy phép; bưu điện đã chuyển về {office}. Vui lòng mang CCCD đến nhận.',
    en: 'The licence could not be delivered and was returned to {office}. Please collect it there with your citizen ID card.',
  },
  COLLECTED: { vi: 'Bạn đã nhận giấy phép lái xe mới.', en: 'You have collected your new licence.' },
};

export type NoticeLanguage = 'vi' | 'en';

export function renderNotification(template: NotificationTemplate, params: Params): string {
  return `${renderNotificationIn(template, params, 'vi')}\n${renderNotificationIn(template, params, 'en')}`;
}

/** The notice in one language: the citizen's choice on their account. */
export function renderNotificationIn(
  template: NotificationTemplate,
  params: Params,
  language: NoticeLanguage,
): string {
  return TEXT[template][language].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
