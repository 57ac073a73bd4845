import { Logger } from '@nestjs/common';
import type { Environment } from '../config/environment';
import { UNCONFIRMED_REASON } from './delivery/delivery-decision';
import type { ClaimedNotice, DeliveryRecord, DeliveryStore } from './delivery/delivery-store';
import type { NoticeChannel, NotificationSender, SendResult } from './notification-sender';
import { NotificationsProcessor } from './notifications.processor';

/** The processor's decisions on a claimed batch, with the table and the channels replaced by small fakes. */
describe('NotificationsProcessor', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  const notice = (over: Partial<ClaimedNotice> = {}): ClaimedNotice => ({
    id: 'n1',
    channel: 'SMS',
    recipient: '0912345678',
    subject: null,
    body: 'Hồ sơ đã được tiếp nhận.',
    language: 'vi',
    template: 'SUBMITTED',
    applicationId: 'a1',
    reference: 'HS-1',
    params: {},
    attempts: 1,
    interrupted: false,
    ...over,
  });

  function setUp(
    claimed: ClaimedNotice[],
    answer: SendResult | ((n: ClaimedNotice) => SendResult),
    dedupes: Record<NoticeChannel, boolean>,
  ) {
    const recorded: DeliveryRecord[] = [];
    const sent: string[] = [];
    const claims: { limit: number; leaseMs: number }[] = [];
    const store = {
      claimDue: (limit: number, leaseMs: number) => {
        claims.push({ limit, leaseMs });
        return Promise.resolve(claimed);
      },
      record: (r: DeliveryRecord[]) => Promise.resolve(void recorded.push(...r)),
      renew: () => Promise.resolve(),
    } as unknown as DeliveryStore;
    const sender: NotificationSender = {
      send: (n) =>
        Promise.resolve(void sent.push(n.id)).then(() =>
          typeof answer === 'function' ? answer(n as ClaimedNotice) : answer,
        ),
      dedupesById: (channel) => dedupes[channel],
    };
    const processor = new NotificationsProcessor(store, sender, {
      JOB_ATTEMPTS: 3,
      JOB_LOCK_MS: 30_000,
      NOTICE_POLL_MS: 250,
    } as Environment);
    return { processor, recorded, sent, claims };
  }

  const both = { SMS: true, EMAIL: true };

  it('claims due notices with the job lock as the SENDING lease and records an accepted one as SENT', async () => {
    const s = setUp([notice()], { outcome: 'sent', providerMessageId: 'gw-1' }, both);
    await expect(s.processor.deliverDue()).resolves.toBe(1);
    expect(s.claims).toEqual([{ limit: 100, leaseMs: 30_000 }]);
    expect(s.recorded).toEqual([{ id: 'n1', attempts: 1, status: 'SENT', providerMessageId: 'gw-1' }]);
  });

  it('records a refusal as FAILED (nothing to try again)', async () => {
    const s = setUp([notice()], { outcome: 'rejected', reason: 'gateway 400' }, both);
    await s.processor.deliverDue();
    expect(s.recorded).toEqual([
      { id: 'n1', attempts: 1, status: 'FAILED', kind: 'REJECTED', reason: 'gateway 400' },
    ]);
  });

  it('puts a passing failure back in the queue, due after the exponential back-off of a job', async () => {
    const s = setUp(
      [notice({ id: 'n1', attempts: 1 }), notice({ id: 'n2', attempts: 2 })],
      { outcome: 'temporary', reason: 'gateway 503' },
      both,
    );
    await s.processor.deliverDue();
    expect(s.recorded).toEqual([
      { id: 'n1', attempts: 1, status: 'QUEUED', error: 'gateway 503', retryInMs: 1000 },
      { id: 'n2', attempts: 2, status: 'QUEUED', error: 'gateway 503', retryInMs: 2000 },
    ]);
  });

  it('gives the notice up after the last attempt, with the last error', async () => {
    const s = setUp([notice({ attempts: 3 })], { outcome: 'temporary', reason: 'gateway 503' }, both);
    await s.processor.deliverDue();
    expect(s.recorded).toEqual([
      {
        id: 'n1',
        attempts: 3,
        status: 'FAILED',
        kind: 'GAVE_UP',
        reason: 'Not delivered after 3 attempts: gateway 503',
        error: 'gateway 503',
      },
    ]);
  });

  it('sends an interrupted notice again where the channel deduplicates by id', async () => {
    const s = setUp([notice({ interrupted: true, attempts: 2 })], { outcome: 'sent' }, both);
    await s.processor.deliverDue();
    expect(s.sent).toEqual(['n1']);
    expect(s.recorded).toEqual([{ id: 'n1', attempts: 2, status: 'SENT', providerMessageId: null }]);
  });

  it('does not send an interrupted e-mail again where the channel cannot deduplicate', async () => {
    const s = setUp(
      [notice({ channel: 'EMAIL', interrupted: true, attempts: 2 })],
      { outcome: 'sent' },
      { SMS: true, EMAIL: false },
    );
    await s.processor.deliverDue();
    expect(s.sent).toEqual([]);
    expect(s.recorded).toEqual([
      { id: 'n1', attempts: 2, status: 'FAILED', kind: 'UNCONFIRMED', reason: UNCONFIRMED_REASON },
    ]);
  });

  it('gives up, unsent, a notice whose every try was interrupted (one that stops every worker)', async () => {
    const s = setUp([notice({ interrupted: true, attempts: 4 })], { outcome: 'sent' }, both);
    await s.processor.deliverDue();
    expect(s.sent).toEqual([]);
    expect(s.recorded).toEqual([
      expect.objectContaining({
        status: 'FAILED',
        kind: 'GAVE_UP',
        reason: expect.stringMatching(/^Not delivered after 3 attempts: sending was interrupted/),
      }),
    ]);
  });

  it('sends a batch in parallel and records every answer at once; a sender that throws fails its notice only', async () => {
    const s = setUp(
      [notice({ id: 'n1' }), notice({ id: 'n2', channel: 'EMAIL' }), notice({ id: 'n3' })],
      (n) => {
        if (n.id === 'n2') throw new Error('template exploded');
        return { outcome: 'sent' };
      },
      both,
    );
    await expect(s.processor.deliverDue()).resolves.toBe(3);
    expect(s.recorded.map((r) => [r.id, r.status])).toEqual([
      ['n1', 'SENT'],
      ['n2', 'QUEUED'],
      ['n3', 'SENT'],
    ]);
    expect(s.recorded[1]).toEqual(expect.objectContaining({ error: 'template exploded' }));
  });

  it('does nothing when no notice is due', async () => {
    const s = setUp([], { outcome: 'sent' }, both);
    await expect(s.processor.deliverDue()).resolves.toBe(0);
    expect(s.sent).toEqual([]);
    expect(s.recorded).toEqual([]);
  });
});
