import { renderNotification } from './notification-templates';

describe('notices', () => {
  const submitted = { reference: '01-2026-0000001', amount: 170000, dueBy: '2026-12-08T08:50:01.041Z' };

  it('are written in Vietnamese by default, with amounts and times as people write them', () => {
    expect(renderNotification('SUBMITTED', submitted)).toBe(
      'Hồ sơ 01-2026-0000001 đã được tiếp nhận. Vui lòng nộp lệ phí 170.000 ₫ trước 08/12/2026 15:50.',
    );
  });

  it('are written in English for an English reader', () => {
    expect(renderNotification('SUBMITTED', submitted, 'en')).toBe(
      'Application 01-2026-0000001 received. Please pay the fee of 170,000 VND by 08/12/2026 15:50.',
    );
  });

  it('give an officer’s refusal as the reason’s sentence and the note as written', () => {
    const params = { reference: 'R', reasonCode: 'PHOTO_UNSUITABLE', note: 'Ảnh bị mờ.' };
    expect(renderNotification('REJECTED', params)).toBe(
      'Hồ sơ R không được chấp nhận: Ảnh chân dung không đạt yêu cầu. Ảnh bị mờ.',
    );
    expect(renderNotification('REJECTED', params, 'en')).toBe(
      'Application R was refused: The portrait photo does not meet the requirements. Ảnh bị mờ.',
    );
  });

  it('name the checks that failed in the reader’s language', () => {
    const params = { reference: 'R', dueBy: '', failedRules: ['HEALTH_CERTIFICATE', 'UNPAID_VIOLATIONS'] };
    expect(renderNotification('REJECTED', params)).toBe(
      'Hồ sơ R không được chấp nhận: không đạt kiểm tra “Giấy khám sức khỏe” và “Vi phạm giao thông”. Xem chi tiết và việc cần làm trên trang hồ sơ.',
    );
  });

  it('never show an ISO time or a bare amount', () => {
    for (const template of ['SUBMITTED', 'PAYMENT_FAILED', 'IN_REVIEW'] as const) {
      for (const language of ['vi', 'en'] as const) {
        const text = renderNotification(template, submitted, language);
        expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        expect(text).not.toMatch(/170000/);
      }
    }
  });
});
