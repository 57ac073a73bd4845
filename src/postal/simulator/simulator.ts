import { randomBytes } from 'node:crypto';
import { nextEvent, Random, seededRandom } from './delivery-plan';
import { EventAnswer, PartnerClient, SentEvent } from './partner-client';

export interface SimulationOptions {
  url: string;
  apiKey: string;
  /** Couriers' systems polling side by side. */
  pollers: number;
  /** Chance that a delivery attempt fails (0 to 1). */
  failRate: number;
  /** Stop claiming after this long (shipments in hand are still taken to an end). */
  durationMs?: number;
  /** Stop once nothing could be claimed for this long. */
  untilIdleMs?: number;
  claimLimit?: number;
  pollIntervalMs?: number;
  /** Pause between a courier's rounds of events (travel time, compressed). */
  stepDelayMs?: number;
  /** Chance that an event is sent a second time (a retried request): the service must call it a duplicate. */
  duplicateRate?: number;
  /** Chance that an in-transit or out-for-delivery scan reaches the service only after the next one. */
  lateRate?: number;
  seed?: number;
  /** Aborting stops claiming, like durationMs running out. */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface SimulationReport {
  durationMs: number;
  claimed: number;
  pickedUp: number;
  lostLeases: number;
  delivered: number;
  returned: number;
  failedAttempts: number;
  eventsSent: number;
  resent: number;
  sentLate: number;
  answers: Record<EventAnswer['result'], number>;
  rejections: string[];
  throttled: number;
  retried: number;
  requests: ReturnType<PartnerClient['stats']['summary']>;
}

interface Carried {
  trackingNumber: string;
  status: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MAX_BATCH = 500;
const FINAL = new Set(['DELIVERED', 'RETURNED']);

/**
 * A postal partner at work: pollers claim shipments, pick them up, and report what happens to each —
 * in transit, out for delivery, delivered or a failed attempt and another try — in batches, with
 * some events resent and some arriving late, as real couriers' systems do. Used by the demo, the
 * benchmark and the tests; `npm run postal:simulate` runs it from the command line.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const client = new PartnerClient(options.url.replace(/\/$/, ''), options.apiKey);
  const random: Random = options.seed === undefined ? Math.random : seededRandom(options.seed);
  const runId = randomBytes(4).toString('hex');
  const started = Date.now();
  let lastClaim = started;
  let serial = 0;
  const report: SimulationReport = {
    durationMs: 0,
    claimed: 0,
    pickedUp: 0,
    lostLeases: 0,
    delivered: 0,
    returned: 0,
    failedAttempts: 0,
    eventsSent: 0,
    resent: 0,
    sentLate: 0,
    answers: { APPLIED: 0, DUPLICATE: 0, REJECTED: 0 },
    rejections: [],
    throttled: 0,
    retried: 0,
    requests: {},
  };
  let failure: { error: unknown } | undefined;
  const stopClaiming = () =>
    failure !== undefined ||
    options.signal?.aborted === true ||
    (options.durationMs !== undefined && Date.now() - started >= options.durationMs);
  const idleTooLong = () =>
    options.untilIdleMs !== undefined && Date.now() - lastClaim >= options.untilIdleMs;

  /**
   * One round: the next event of every shipment still under way, sent in batches; then the scans held
   * back from the previous round, which so reach the service after a later one.
   */
  async function round(carried: Carried[], heldBack: SentEvent[]): Promise<SentEvent[]> {
    const batch: SentEvent[] = [];
    const late: SentEvent[] = [];
    for (const shipment of carried) {
      const plan = nextEvent(shipment.status as Parameters<typeof nextEvent>[0], options.failRate, random);
      if (!plan) continue;
      const event: SentEvent = {
        eventId: `sim-${runId}-${++serial}`,
        trackingNumber: shipment.trackingNumber,
        occurredAt: new Date().toISOString(),
        ...plan,
      };
      const decisive = plan.type === 'DELIVERED' || plan.type === 'DELIVERY_FAILED';
      if (!decisive && random() < (options.lateRate ?? 0.05)) {
        late.push(event);
        shipment.status = plan.type;
        report.sentLate++;
      } else batch.push(event);
    }
    const resend = batch.filter(() => random() < (options.duplicateRate ?? 0.02));
    report.resent += resend.length;
    await send(carried, [...batch, ...resend]);
    await send(carried, heldBack);
    return late;
  }

  async function send(carried: Carried[], events: SentEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += MAX_BATCH) {
      const chunk = events.slice(i, i + MAX_BATCH);
      report.eventsSent += chunk.length;
      const answers = await client.sendEvents(chunk);
      answers.forEach((answer, j) => take(carried, chunk[j], answer));
    }
  }

  function take(carried: Carried[], event: SentEvent, answer: EventAnswer): void {
    report.answers[answer.result]++;
    const shipment = carried.find((c) => c.trackingNumber === event.trackingNumber);
    if (!shipment) return;
    if (answer.result === 'REJECTED') {
      if (report.rejections.length < 20)
        report.rejections.push(`${event.trackingNumber} ${event.type}: ${answer.reason}`);
      shipment.status = 'REJECTED'; // stop working on it rather than loop
      return;
    }
    if (answer.result === 'APPLIED' && event.type === 'DELIVERY_FAILED') report.failedAttempts++;
    if (answer.status && !FINAL.has(shipment.status)) {
      shipment.status = answer.status;
      if (answer.status === 'DELIVERED') report.delivered++;
      if (answer.status === 'RETURNED') report.returned++;
    }
  }

  async function poller(id: number): Promise<void> {
    while (!stopClaiming()) {
      const claimed = await client.claim(options.claimLimit ?? 20);
      if (claimed.length === 0) {
        if (idleTooLong()) return;
        await sleep(options.pollIntervalMs ?? 1000);
        continue;
      }
      lastClaim = Date.now();
      report.claimed += claimed.length;
      // The cards in hand confirmed in one request (a claim gives at most 200, a pickup takes 200).
      const carried: Carried[] = [];
      for (const answer of await client.pickupMany(claimed.map((item) => item.trackingNumber))) {
        if (answer.result === 'REFUSED') report.lostLeases++; // the lease ran out before we got there
        else carried.push({ trackingNumber: answer.trackingNumber, status: 'PICKED_UP' });
      }
      report.pickedUp += carried.length;
      let heldBack: SentEvent[] = [];
      while (heldBack.length > 0 || carried.some((c) => !FINAL.has(c.status) && c.status !== 'REJECTED')) {
        heldBack = await round(carried, heldBack);
        if (options.stepDelayMs) await sleep(options.stepDelayMs);
      }
      options.log?.(
        `poller ${id}: ${carried.length} shipments done (total delivered ${report.delivered}, returned ${report.returned})`,
      );
    }
  }

  // A poller that fails stops the others from claiming more; its error is thrown once all have stopped.
  const guarded = (id: number) =>
    poller(id).catch((error: unknown) => {
      failure ??= { error };
    });
  await Promise.all(Array.from({ length: options.pollers }, (_, i) => guarded(i + 1)));
  if (failure) throw failure.error;
  report.durationMs = Date.now() - started;
  report.throttled = client.stats.throttled;
  report.retried = client.stats.retried;
  report.requests = client.stats.summary();
  return report;
}
