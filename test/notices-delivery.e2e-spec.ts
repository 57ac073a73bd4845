import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { staffOnWeb } from './browser/web-journey';
import { createStaffAndSignIn, StaffAccountFixture } from './support/factories/accounts';
import { MailCatcher } from './support/notices/mail-catcher';
import {
  citizenWithPreferences,
  noticesOf,
  submitFor,
  waitForNotice,
} from './support/notices/notice-fixtures';
import { SmsGateway } from './support/notices/sms-gateway';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

/**
 * Notices leave the system: e-mail through a real SMTP server started here (smtp-server, read back with
 * mailparser) and SMS through a brand-name gateway on loopback (node:http). Answers are classified:
 * accepted → SENT, refused → FAILED with the reason shown to staff, anything passing → tried again.
 */
describe('notices sent by e-mail and SMS', () => {
  let t: TestApp;
  let db: DataSource;
  let officer: StaffAccountFixture;
  const mail = new MailCatcher();
  const gateway = new SmsGateway();

  beforeAll(async () => {
    await mail.start();
    await gateway.start();
    t = await startTestApp({
      role: 'all',
      env: {
        NOTIFY_EMAIL_TRANSPORT: 'smtp',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(mail.port),
        MAIL_FROM: 'Cấp đổi GPLX <no-reply@gplx.example.vn>',
        NOTIFY_SMS_TRANSPORT: 'http',
        SMS_GATEWAY_URL: gateway.url,
        SMS_GATEWAY_API_KEY: 'gateway-test-key',
        SMS_BRANDNAME: 'CSGT-GPLX',
        PUBLIC_BASE_URL: 'https://dichvucong.example.vn',
        JOB_ATTEMPTS: '6',
      },
    });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
    officer = await createStaffAndSignIn(t, 'officer', { provinceCode: '01' });
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
    await mail.stop();
    await gateway.stop();
  });

  const mailTo = (address: string) => mail.messages.filter((m) => m.envelopeTo.includes(address));
  const gatewayCalls = (noticeId: string) =>
    gateway.requests.filter((r) => r.headers['idempotency-key'] === noticeId);
  const caseNotices = async (applicationId: string) =>
    (
      await request(t.url)
        .get(`/api/v1/staff/applications/${applicationId}`)
        .set('authorization', `Bearer ${officer.accessToken}`)
        .expect(200)
    ).body.notices as {
      channel: string;
      status: string;
      failureKind: string | null;
      failureReason: string | null;
    }[];

  it('sends the e-mail in Vietnamese (subject, HTML and text, diacritics intact) and the SMS unaccented from the brand name', async () => {
    const address = 'tran.binh@example.vn';
    const c = await citizenWithPreferences(t.url, db, { email: true, emailAddress: address });
    const id = await submitFor(t.url, c);
    const email = await waitForNotice(db, id, 'EMAIL', ['SENT']);
    const sms = await waitForNotice(db, id, 'SMS', ['SENT']);
    const [{ reference }] = await db.query<{ reference: string }[]>(
      `SELECT reference FROM applications WHERE id = $1`,
      [id],
    );

    const [arrived] = mailTo(address);
    expect(mailTo(address)).toHaveLength(1);
    expect(arrived.to).toBe(address);
    expect(arrived.from).toBe('"Cấp đổi GPLX" <no-reply@gplx.example.vn>');
    expect(arrived.subject).toBe(`Hồ sơ đã được tiếp nhận – ${reference}`);
    expect(arrived.messageId).toBe(`<${email.id}@gplx.example.vn>`);
    expect(arrived.text).toContain(`Hồ sơ ${reference} đã được tiếp nhận. Vui lòng nộp lệ phí`);
    expect(arrived.text).toContain(`https://dichvucong.example.vn/applications/${id}`);
    expect(arrived.text).not.toContain('Please pay');
    expect(arrived.html).toContain('<html lang="vi">');
    expect(arrived.html).toContain(`Hồ sơ ${reference} đã được tiếp nhận.`);
    expect(arrived.html).toContain('Kính gửi Quý công dân,');
    expect(email.provider_message_id).toBe(arrived.messageId);

    const [call] = gatewayCalls(sms.id);
    expect(gatewayCalls(sms.id)).toHaveLength(1);
    expect(call.headers['x-api-key']).toBe('gateway-test-key');
    expect(call.body).toEqual({
      from: 'CSGT-GPLX',
      to: '84912345678',
      text: expect.stringContaining(`Ho so ${reference} da duoc tiep nhan. Vui long nop le phi`),
      requestId: sms.id,
    });
    expect(sms.provider_message_id).toMatch(/^gw-/);
  });

  it('writes in English to a citizen who chose English, and only by e-mail when SMS is off', async () => {
    const address = 'english.reader@example.vn';
    const c = await citizenWithPreferences(t.url, db, {
      sms: false,
      email: true,
      emailAddress: address,
      language: 'en',
    });
    const id = await submitFor(t.url, c);
    await waitForNotice(db, id, 'EMAIL', ['SENT']);
    const [arrived] = mailTo(address);
    expect(arrived.subject).toMatch(/^Application received – /);
    expect(arrived.text).toContain('Please pay the fee of');
    expect(arrived.text).not.toContain('Vui lòng');
    expect(arrived.html).toContain('<html lang="en">');
    expect((await noticesOf(db, id)).map((n) => n.channel)).toEqual(['EMAIL']);
  });

  it('records a recipient the mail server refuses as FAILED, not tried again, and flags it to staff', async () => {
    const address = 'no.such.user@example.vn';
    mail.refuse.add(address);
    const c = await citizenWithPreferences(t.url, db, { email: true, emailAddress: address });
    const id = await submitFor(t.url, c);
    const failed = await waitForNotice(db, id, 'EMAIL', ['FAILED']);
    expect(failed.failure_kind).toBe('REJECTED');
    expect(failed.failure_reason).toMatch(/550/);
    expect(failed.attempts).toBe(1);
    expect(mailTo(address)).toHaveLength(0);
    await waitForNotice(db, id, 'SMS', ['SENT']);

    const notices = await caseNotices(id);
    expect(notices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          channel: 'EMAIL',
          status: 'FAILED',
          failureKind: 'REJECTED',
          failureReason: expect.stringMatching(/550/),
        }),
        expect.objectContaining({ channel: 'SMS', status: 'SENT' }),
      ]),
    );
    const web = await staffOnWeb(t.url, officer.username, officer.password, 'en');
    const page = await web.get(`/staff/cases/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="notices-failed"');
    expect(page.text).toContain('A notice could not be delivered');
    expect(page.text).toContain('tag--notice-failed');
    expect(page.text).toContain(address);
  });

  it('tries again while the mail server is down and sends the e-mail once when it is back', async () => {
    const address = 'patient.reader@example.vn';
    const c = await citizenWithPreferences(t.url, db, { sms: false, email: true, emailAddress: address });
    await mail.stop();
    try {
      const id = await submitFor(t.url, c);
      const waiting = await waitFor(async () => {
        const n = (await noticesOf(db, id)).find((row) => row.channel === 'EMAIL');
        return n && n.status === 'QUEUED' && n.attempts >= 1 && n.last_error ? n : undefined;
      }, 'a failed first attempt');
      expect(waiting.last_error).toMatch(/ECONNECTION|ECONNREFUSED/);
      await mail.start();
      const sent = await waitForNotice(db, id, 'EMAIL', ['SENT']);
      expect(sent.attempts).toBeGreaterThanOrEqual(2);
      expect(mailTo(address)).toHaveLength(1);
    } finally {
      if (!mail.running) await mail.start();
    }
  });

  it('tries again after a gateway 500 and sends the SMS once', async () => {
    const c = await citizenWithPreferences(t.url, db, { sms: true, email: false });
    gateway.answers.push(500);
    const id = await submitFor(t.url, c);
    const sms = await waitForNotice(db, id, 'SMS', ['SENT']);
    expect(sms.attempts).toBe(2);
    expect(gatewayCalls(sms.id)).toHaveLength(2);
    expect(gateway.delivered.filter((r) => r.headers['idempotency-key'] === sms.id)).toHaveLength(1);
  });

  it('records a number the gateway refuses (400) as FAILED and shows it to staff', async () => {
    const c = await citizenWithPreferences(t.url, db, { sms: true, email: false });
    gateway.answers.push(400);
    const id = await submitFor(t.url, c);
    const sms = await waitForNotice(db, id, 'SMS', ['FAILED']);
    expect(sms.failure_kind).toBe('REJECTED');
    expect(sms.failure_reason).toMatch(/answered 400: .*Invalid phone number/);
    expect(gatewayCalls(sms.id)).toHaveLength(1);
    const audited = await db.query<{ actor_kind: string; reason: string; data: Record<string, unknown> }[]>(
      `SELECT actor_kind, reason, data FROM audit_log WHERE application_id = $1 AND action = 'NOTICE_FAILED'`,
      [id],
    );
    expect(audited).toEqual([
      {
        actor_kind: 'system',
        reason: sms.failure_reason,
        data: { notificationId: sms.id, channel: 'SMS', kind: 'REJECTED' },
      },
    ]);
    expect(await caseNotices(id)).toEqual([
      expect.objectContaining({ channel: 'SMS', status: 'FAILED', failureKind: 'REJECTED' }),
    ]);
  });
});
