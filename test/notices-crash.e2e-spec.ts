import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { createStaffAndSignIn } from './support/factories/accounts';
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
import { startWorkerProcess, stopProcess } from './support/worker-process';

// Real worker processes start from source: allow for a few of them.
jest.setTimeout(180_000);

/**
 * A worker killed after the channel accepted a notice and before it recorded that (the window no
 * ordering of writes can close). The notice was marked SENDING before it left, so the next worker knows
 * the attempt was interrupted, and the channel decides:
 * - SMS: sent again with the same idempotency key; the gateway recognises it, so the citizen gets one SMS
 *   (at least once to the gateway, exactly once to the phone);
 * - e-mail: an SMTP server cannot recognise a copy, so it is not sent again (at most once) and the notice
 *   is FAILED as UNCONFIRMED, which staff see on the case.
 */
describe('a worker killed between sending a notice and recording it', () => {
  let t: TestApp;
  let db: DataSource;
  const mail = new MailCatcher();
  const gateway = new SmsGateway();
  const workers: ChildProcess[] = [];
  const startWorker = () => {
    const worker = startWorkerProcess({ ...t.env, JOB_LOCK_MS: '2000' });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    await mail.start();
    await gateway.start();
    t = await startTestApp({
      role: 'api',
      env: {
        NOTIFY_EMAIL_TRANSPORT: 'smtp',
        SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
        MAIL_FROM: 'no-reply@gplx.example.vn',
        NOTIFY_SMS_TRANSPORT: 'http',
        SMS_GATEWAY_URL: gateway.url,
        SMS_GATEWAY_USER: 'gplx',
        SMS_GATEWAY_PASSWORD: 'gateway-password',
        SMS_BRANDNAME: 'GPLX',
        SMS_GATEWAY_BODY: '{"Brandname":"{from}","Phone":"{to}","Message":"{text}","RequestId":"{id}"}',
      },
    });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => stopProcess(w, 'SIGKILL')));
    await db.destroy();
    await t.close();
    await mail.stop();
    await gateway.stop();
  });

  it('sends the SMS again with the same idempotency key, and the gateway delivers it once', async () => {
    const c = await citizenWithPreferences(t.url, db, { sms: true, email: false });
    const first = startWorker();
    const killed = new Promise<void>((resolve) => {
      gateway.onRequest = async () => {
        gateway.onRequest = undefined;
        await stopProcess(first, 'SIGKILL');
        resolve();
      };
    });
    const id = await submitFor(t.url, c);
    await killed;
    const [interrupted] = await noticesOf(db, id);
    expect(interrupted.status).toBe('SENDING');
    expect(gateway.delivered).toHaveLength(1);

    startWorker();
    const sent = await waitForNotice(db, id, 'SMS', ['SENT'], 'the SMS to be sent after the restart', 60_000);
    const calls = gateway.requests.filter((r) => r.headers['idempotency-key'] === sent.id);
    expect(calls).toHaveLength(2);
    expect(calls.map((r) => r.body.RequestId)).toEqual([sent.id, sent.id]);
    expect(calls[0].headers.authorization).toBe(
      `Basic ${Buffer.from('gplx:gateway-password').toString('base64')}`,
    );
    expect(gateway.delivered).toHaveLength(1);
    expect(sent.attempts).toBe(2);
    expect(sent.provider_message_id).toBe('gw-1');
  });

  it('does not send the e-mail again: it arrived once and is FAILED as unconfirmed for staff', async () => {
    const address = 'crash.reader@example.vn';
    const c = await citizenWithPreferences(t.url, db, { sms: false, email: true, emailAddress: address });
    const worker = workers.find((w) => w.exitCode === null && w.signalCode === null) ?? startWorker();
    const killed = new Promise<void>((resolve) => {
      mail.onMessage = async () => {
        mail.onMessage = undefined;
        await stopProcess(worker, 'SIGKILL');
        resolve();
      };
    });
    const id = await submitFor(t.url, c);
    await killed;
    expect((await noticesOf(db, id))[0].status).toBe('SENDING');

    startWorker();
    const failed = await waitForNotice(
      db,
      id,
      'EMAIL',
      ['FAILED', 'SENT'],
      'the e-mail to be settled',
      60_000,
    );
    expect(failed.status).toBe('FAILED');
    expect(failed.failure_kind).toBe('UNCONFIRMED');
    expect(failed.failure_reason).toMatch(/may have arrived/);
    // Give a wrongly re-sent copy the time to arrive before counting.
    await new Promise((r) => setTimeout(r, 1000));
    expect(mail.messages.filter((m) => m.envelopeTo.includes(address))).toHaveLength(1);

    const officer = await createStaffAndSignIn(t, 'officer', { provinceCode: '01' });
    const view = await waitFor(async () => {
      const res = await request(t.url)
        .get(`/api/v1/staff/applications/${id}`)
        .set('authorization', `Bearer ${officer.accessToken}`);
      return res.status === 200 ? res.body : undefined;
    }, 'the case view');
    expect(view.notices).toEqual([
      expect.objectContaining({ channel: 'EMAIL', status: 'FAILED', failureKind: 'UNCONFIRMED' }),
    ]);
  });
});
