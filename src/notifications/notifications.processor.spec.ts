import type { Job } from 'bullmq';
import type { Environment } from '../config/environment';
import type { WorkerFactory } from '../queue/worker-factory';
import type { ClaimedNotice, DeliveryRecord, DeliveryStore } from './delivery/delivery-store';
import type { NoticeChannel, NotificationSender, SendResult } from './notification-sender';
import { NotificationsProcessor, UNCONFIRMED_REASON } from './notifications.processor';

/** The processor's decisions, with the table and the channels replaced by small fakes. */
describe('NotificationsProcessor', () => {
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

  function setUp(claimed: ClaimedNotice[], answer: SendResult, dedupes: Record<NoticeChannel, boolean>) {
    const recorded: DeliveryRecord[] = [];
    const gaveUp: string[] = [];
    const sent: string[] = [];
    const store = {
      claim: () => Promise.resolve(claimed),
      record: (r: DeliveryRecord[]) => Promise.resolve(void recorded.push(...r)),
      giveUp: (id: string) => Promise.resolve(void gaveUp.push(id)),
    } as unknown as DeliveryStore;
    const sender: NotificationSender = {
      send: (n) => Promise.resolve(void sent.push(n.id)).then(() => answer),
      dedupesById: (channel) => dedupes[channel],
    };
    const processor = new NotificationsProcessor(store, {} as WorkerFactory, sender, {
      WORKER_CONCURRENCY: 4,
    } as Environment);
    const job = (attemptsMade: number) =>
      ({ data: { notificationId: 'n1' }, attemptsMade, opts: { attempts: 3 } }) as Job<{
        notificationId: string;
      }>;
    return { processor, job, recorded, gaveUp, sent };
  }

  const both = { SMS: true, EMAIL: true };

  it('records an accepted notice as SENT', async () => {
    const s = setUp([notice()], { outcome: 'sent', providerMessageId: 'gw-1' }, both);
    await expect(s.processor.process(s.job(0))).resolves.toBe('sent');
    expect(s.recorded).toEqual([{ id: 'n1', status: 'SENT', providerMessageId: 'gw-1' }]);
  });

  it('records a refusal as FAILED and completes the job (nothing to try again)', async () => {
    const s = setUp([notice()], { outcome: 'rejected', reason: 'gateway 400' }, both);
    await expect(s.processor.process(s.job(0))).resolves.toBe('rejected');
    expect(s.recorded).toEqual([{ id: 'n1', status: 'FAILED', kind: 'REJECTED', reason: 'gateway 400' }]);
  });

  it('puts a passing failure back in the queue and fails the job, so BullMQ tries again', async () => {
    const s = setUp([notice()], { outcome: 'temporary', reason: 'gateway 503' }, both);
    await expect(s.processor.process(s.job(0))).rejects.toThrow('gateway 503');
    expect(s.recorded).toEqual([{ id: 'n1', status: 'QUEUED', error: 'gateway 503' }]);
    expect(s.gaveUp).toEqual([]);
  });

  it('gives the notice up after the last attempt', async () => {
    const s = setUp([notice()], { outcome: 'temporary', reason: 'gateway 503' }, both);
    await expect(s.processor.process(s.job(2))).rejects.toThrow('gateway 503');
    expect(s.gaveUp).toEqual(['n1']);
  });

  it('sends an interrupted notice again where the channel deduplicates by id', async () => {
    const s = setUp([notice({ interrupted: true })], { outcome: 'sent' }, both);
    await expect(s.processor.process(s.job(0))).resolves.toBe('sent');
    expect(s.sent).toEqual(['n1']);
  });

  it('does not send an interrupted e-mail again where the channel cannot deduplicate', async () => {
    const s = setUp(
      [notice({ channel: 'EMAIL', interrupted: true })],
      { outcome: 'sent' },
      { SMS: true, EMAIL: false },
    );
    await expect(s.processor.process(s.job(0))).resolves.toBe('unconfirmed');
    expect(s.sent).toEqual([]);
    expect(s.recorded).toEqual([
      { id: 'n1', status: 'FAILED', kind: 'UNCONFIRMED', reason: UNCONFIRMED_REASON },
    ]);
  });

  it('does nothing for a notice already settled', async () => {
    const s = setUp([], { outcome: 'sent' }, both);
    await expect(s.processor.process(s.job(0))).resolves.toBe('already-done');
    expect(s.sent).toEqual([]);
  });
});
