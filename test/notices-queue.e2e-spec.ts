import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Environment } from '../src/config/environment';
import { dataSourceOptions } from '../src/database/data-source-options';
import { DeliveryStore } from '../src/notifications/delivery/delivery-store';
import { RecordingNotificationSender } from '../src/notifications/notification-sender';
import { NotificationsProcessor } from '../src/notifications/notifications.processor';
import { createStaffAndSignIn } from './support/factories/accounts';
import { citizenWithPreferences, noticesOf, submitFor } from './support/notices/notice-fixtures';
import { startTestApp, TestApp } from './support/test-app';

const LEASE_MS = 60_000;

/**
 * The notifications table is the notices' queue: no outbox row and no job per notice. Claims take due
 * QUEUED notices (and SENDING ones whose lease ran out) without waiting for each other, a passing failure
 * waits out its back-off in `next_attempt_at`, and an answer from a claim another worker took over
 * changes nothing. The app runs as `api` only, so no worker claims behind the test's back.
 */
describe('the notifications table as the queue of notices', () => {
  let t: TestApp;
  let db: DataSource;
  let store: DeliveryStore;

  beforeAll(async () => {
    t = await startTestApp({ role: 'api' });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 4 })).initialize();
    store = new DeliveryStore(db);
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  /** A submitted application's SMS notice, QUEUED; every notice claimed before is settled first. */
  async function queuedSms(): Promise<{ applicationId: string; noticeId: string }> {
    await db.query(`UPDATE notifications SET status = 'SENT', sent_at = now() WHERE status <> 'SENT'`);
    const c = await citizenWithPreferences(t.url, db, { sms: true, email: false });
    const applicationId = await submitFor(t.url, c);
    const [notice] = await noticesOf(db, applicationId);
    return { applicationId, noticeId: notice.id };
  }

  const row = async (id: string) =>
    (
      await db.query<{ status: string; attempts: number; due_in_s: number; last_error: string | null }[]>(
        `SELECT status, attempts, last_error, extract(epoch FROM next_attempt_at - now())::float8 AS due_in_s
         FROM notifications WHERE id = $1`,
        [id],
      )
    )[0];

  it('writes the notice QUEUED and due now, with no outbox row for it', async () => {
    const { noticeId } = await queuedSms();
    expect(await row(noticeId)).toEqual(expect.objectContaining({ status: 'QUEUED', attempts: 0 }));
    expect((await row(noticeId)).due_in_s).toBeLessThanOrEqual(0);
    const outbox = await db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM outbox WHERE payload->>'notificationId' = $1 OR queue = 'notifications'`,
      [noticeId],
    );
    expect(Number(outbox[0].n)).toBe(0);
  });

  it('lets claims running together share the due notices, each taken once', async () => {
    const ids = [(await queuedSms()).noticeId];
    for (let i = 0; i < 2; i++) {
      const c = await citizenWithPreferences(t.url, db, { sms: true, email: false });
      ids.push((await noticesOf(db, await submitFor(t.url, c)))[0].id);
    }
    const due = await db.query<{ id: string }[]>(`SELECT id FROM notifications WHERE status = 'QUEUED'`);
    const claims = await Promise.all([1, 2, 3].map(() => store.claimDue(1, LEASE_MS)));
    const taken = claims.flat().map((n) => n.id);
    expect(new Set(taken).size).toBe(taken.length);
    expect(taken.sort()).toEqual(due.map((d) => d.id).sort());
    expect(taken).toEqual(expect.arrayContaining(ids));
    expect(claims.flat().every((n) => n.attempts === 1 && !n.interrupted)).toBe(true);
    expect(await store.claimDue(10, LEASE_MS)).toEqual([]);
  });

  it('keeps a passing failure out of the claims until its back-off has passed', async () => {
    const { noticeId } = await queuedSms();
    const [claimed] = await store.claimDue(10, LEASE_MS);
    expect(claimed.id).toBe(noticeId);
    await store.record([
      { id: noticeId, attempts: 1, status: 'QUEUED', error: 'gateway 503', retryInMs: 60_000 },
    ]);
    const waiting = await row(noticeId);
    expect(waiting).toEqual(
      expect.objectContaining({ status: 'QUEUED', attempts: 1, last_error: 'gateway 503' }),
    );
    expect(waiting.due_in_s).toBeGreaterThan(50);
    expect(await store.claimDue(10, LEASE_MS)).toEqual([]);

    await db.query(`UPDATE notifications SET next_attempt_at = now() WHERE id = $1`, [noticeId]);
    expect(await store.claimDue(10, LEASE_MS)).toEqual([
      expect.objectContaining({ id: noticeId, attempts: 2, interrupted: false }),
    ]);
  });

  it('takes a notice left SENDING over only once its lease has run out, as interrupted', async () => {
    const { applicationId, noticeId } = await queuedSms();
    await store.claimDue(10, LEASE_MS);
    expect(await store.claimDue(10, LEASE_MS)).toEqual([]);
    await store.renew([noticeId]);
    await new Promise((r) => setTimeout(r, 50));
    const [retaken] = await store.claimDue(10, 10);
    expect(retaken).toEqual(expect.objectContaining({ id: noticeId, attempts: 2, interrupted: true }));

    // The first worker's late answer belongs to a claim taken over: it changes nothing.
    await store.record([{ id: noticeId, attempts: 1, status: 'SENT', providerMessageId: 'late' }]);
    expect(await row(noticeId)).toEqual(expect.objectContaining({ status: 'SENDING', attempts: 2 }));
    await store.record([{ id: noticeId, attempts: 2, status: 'SENT', providerMessageId: 'gw-2' }]);
    expect((await noticesOf(db, applicationId))[0]).toEqual(
      expect.objectContaining({ status: 'SENT', provider_message_id: 'gw-2' }),
    );
  });

  it('gives a notice up in the statement that records the batch, audited and shown to staff', async () => {
    const { applicationId, noticeId } = await queuedSms();
    await store.claimDue(10, LEASE_MS);
    await store.record([
      {
        id: noticeId,
        attempts: 1,
        status: 'FAILED',
        kind: 'GAVE_UP',
        reason: 'Not delivered after 1 attempts: gateway 503',
        error: 'gateway 503',
      },
    ]);
    const [notice] = await noticesOf(db, applicationId);
    expect(notice).toEqual(
      expect.objectContaining({
        status: 'FAILED',
        failure_kind: 'GAVE_UP',
        failure_reason: 'Not delivered after 1 attempts: gateway 503',
        last_error: 'gateway 503',
      }),
    );
    const audited = await db.query<{ data: Record<string, unknown> }[]>(
      `SELECT data FROM audit_log WHERE application_id = $1 AND action = 'NOTICE_FAILED'`,
      [applicationId],
    );
    expect(audited).toEqual([{ data: { notificationId: noticeId, channel: 'SMS', kind: 'GAVE_UP' } }]);
    const officer = await createStaffAndSignIn(t, 'officer', { provinceCode: '01' });
    const res = await request(t.url)
      .get(`/api/v1/staff/applications/${applicationId}`)
      .set('authorization', `Bearer ${officer.accessToken}`)
      .expect(200);
    expect(res.body.notices).toEqual([
      expect.objectContaining({ channel: 'SMS', status: 'FAILED', failureKind: 'GAVE_UP' }),
    ]);
  });

  it('delivers with nothing in Redis: a worker that finds Redis emptied still sends every due notice', async () => {
    const { noticeId } = await queuedSms();
    await t.redis.clear();
    const processor = new NotificationsProcessor(store, new RecordingNotificationSender(), {
      JOB_ATTEMPTS: 5,
      JOB_LOCK_MS: LEASE_MS,
      NOTICE_POLL_MS: 50,
    } as Environment);
    await expect(processor.deliverDue()).resolves.toBe(1);
    expect(await row(noticeId)).toEqual(expect.objectContaining({ status: 'SENT', attempts: 1 }));
  });
});
