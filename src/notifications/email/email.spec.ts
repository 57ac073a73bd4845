import type { OutgoingNotice } from '../notification-sender';
import { EmailRenderer } from './email-renderer';
import { smtpFailure } from './smtp-outcome';

describe('smtpFailure', () => {
  it('takes a 5xx reply as a final refusal', () => {
    const error = Object.assign(new Error("Can't send mail - all recipients were rejected"), {
      code: 'EENVELOPE',
      responseCode: 550,
      response: '550 5.1.1 <x@example.vn>: Recipient address rejected: User unknown',
    });
    expect(smtpFailure(error)).toEqual({
      outcome: 'rejected',
      reason:
        'The mail server refused the message (550): 550 5.1.1 <x@example.vn>: Recipient address rejected: User unknown',
    });
  });

  it('takes an envelope nodemailer cannot build as a final refusal', () => {
    expect(
      smtpFailure(Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE' })).outcome,
    ).toBe('rejected');
  });

  it.each([
    [
      'a 4xx reply (greylisting)',
      { code: 'EENVELOPE', responseCode: 451, response: '451 4.7.1 Try again later' },
    ],
    ['a refused connection', { code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:25' }],
    ['a time-out', { code: 'ETIMEDOUT', message: 'Greeting never received' }],
  ])('takes %s as passing', (_, fields) => {
    expect(smtpFailure(Object.assign(new Error('x'), fields)).outcome).toBe('temporary');
  });
});

describe('EmailRenderer', () => {
  const notice: OutgoingNotice = {
    id: '7f0c6c52-0000-4000-8000-000000000001',
    channel: 'EMAIL',
    recipient: 'an@example.vn',
    subject: 'Hồ sơ cần bổ sung thông tin – HS-2026-000001',
    body: 'Hồ sơ HS-2026-000001 cần bổ sung thông tin: <ảnh> "rõ" hơn & mới',
    language: 'vi',
    template: 'NEEDS_INFO',
    applicationId: 'a1',
    reference: 'HS-2026-000001',
    params: {},
  };
  const rendered = new EmailRenderer().render(notice, {
    baseUrl: 'https://dvc.example.vn/',
    authority: 'Công an tỉnh',
  });

  it('writes the HTML part in the citizen language, escaping the notice text', () => {
    expect(rendered.subject).toBe(notice.subject);
    expect(rendered.html).toContain('<html lang="vi">');
    expect(rendered.html).toContain('cần bổ sung thông tin: &lt;ảnh&gt; &quot;rõ&quot; hơn &amp; mới');
    expect(rendered.html).toContain('href="https://dvc.example.vn/applications/a1"');
    expect(rendered.html).toContain('Mã hồ sơ: <strong>HS-2026-000001</strong>');
  });

  it('writes the text part as written, with the link', () => {
    expect(rendered.text).toContain('cần bổ sung thông tin: <ảnh> "rõ" hơn & mới');
    expect(rendered.text).toContain('Xem hồ sơ của bạn: https://dvc.example.vn/applications/a1');
    expect(rendered.text).toContain('Công an tỉnh');
    expect(rendered.text).not.toMatch(/<[a-z]/);
  });

  it('writes English for a citizen who chose it', () => {
    const en = new EmailRenderer().render(
      { ...notice, language: 'en', body: 'Application received.' },
      { baseUrl: null, authority: 'Police' },
    );
    expect(en.html).toContain('<html lang="en">');
    expect(en.text).toContain('Dear citizen,');
    expect(en.text).not.toContain('See your application');
  });
});
