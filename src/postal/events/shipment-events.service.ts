import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../../audit/audit-log';
import { batchOrOneByOne, unwrap } from '../../common/batch-or-one-by-one';
import { Clock } from '../../common/clock';
import { Environment } from '../../config/environment';
import type { WorkflowActor } from '../../workflow/workflow-gate';
import { ApplicationFollowUp } from '../application-follow-up';
import { EVENT_RESULTS, EventBatchResultDto, EventResult, EventResultDto } from '../dto/event-batch.dto';
import type { PartnerPrincipal } from '../partners/partner-api-key.strategy';
import { partnerActor } from '../pickup.service';
import { ShipmentsRepository } from '../shipments.repository';
import { ParsedEvent, parseEvent } from './event-input';
import { ShipmentEventsRepository } from './shipment-events.repository';
import { refused, ShipmentRun, ShipmentRunRules } from './shipment-run';

type Numbered = { index: number; event: ParsedEvent };

/** An event id was stored by a concurrent request between our read and our write: read again. */
class EventIdsTaken extends Error {}

/**
 * A partner's batch of events. Each event is answered on its own: APPLIED, DUPLICATE (its eventId was
 * seen before; nothing changes) or REJECTED with the reason. The events of one shipment are applied in
 * the order they happened, under a lock on that shipment; the application follows (DELIVERED,
 * RETURNED_TO_OFFICE, also after the configured number of failed attempts).
 *
 * The whole batch is one transaction with one statement per table (the shipments locked and read at
 * once, the events stored at once, the applications moved at once). Should it fail, each shipment's
 * events are applied again in a transaction of their own, so one shipment's error is its own.
 */
@Injectable()
export class ShipmentEventsService {
  private readonly rules: ShipmentRunRules;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly shipments: ShipmentsRepository,
    private readonly events: ShipmentEventsRepository,
    private readonly followUp: ApplicationFollowUp,
    private readonly audit: AuditLog,
    env: Environment,
    clock: Clock,
  ) {
    this.rules = { maxAttempts: env.POSTAL_MAX_DELIVERY_ATTEMPTS, now: () => clock.now() };
  }

  async report(partner: PartnerPrincipal, raw: unknown[], ip: string): Promise<EventBatchResultDto> {
    const results = new Array<EventResultDto>(raw.length);
    const byShipment = new Map<string, Numbered[]>();
    raw.forEach((item, index) => {
      const input = parseEvent(item);
      if (!input.ok) {
        const { eventId, trackingNumber, reason } = input;
        results[index] = { index, eventId, trackingNumber, result: 'REJECTED', reason };
        return;
      }
      const group = byShipment.get(input.event.trackingNumber) ?? [];
      group.push({ index, event: input.event });
      byShipment.set(input.event.trackingNumber, group);
    });
    const actor = partnerActor(partner, ip);
    const apply = (numbers: string[]) =>
      this.applyOnce(
        partner.partnerId,
        actor,
        numbers.map((n) => byShipment.get(n)!),
      ).catch((error: unknown) => {
        if (!(error instanceof EventIdsTaken)) throw error;
        return this.applyOnce(
          partner.partnerId,
          actor,
          numbers.map((n) => byShipment.get(n)!),
        );
      });
    const settled = await batchOrOneByOne([...byShipment.keys()], apply);
    const failures: unknown[] = [];
    for (const outcome of settled.values()) {
      if (!outcome.ok) failures.push(outcome.error);
      else for (const result of unwrap(outcome) ?? []) results[result.index] = result;
    }
    // The shipments that went through are committed; a shipment that failed alone fails the request.
    if (failures.length) throw failures[0];
    const counts = Object.fromEntries(EVENT_RESULTS.map((r) => [r, 0])) as Record<EventResult, number>;
    for (const r of results) counts[r.result]++;
    return { results, counts };
  }

  /** These shipments' events, each shipment's in the order they happened, in one transaction. */
  private applyOnce(
    partnerId: string,
    actor: WorkflowActor,
    groups: Numbered[][],
  ): Promise<Map<string, EventResultDto[]>> {
    return this.db.transaction(async (tx) => {
      const answers = new Map<string, EventResultDto[]>();
      const numbers = groups.map((g) => g[0].event.trackingNumber);
      const locked = await this.shipments.lockByTrackingNumbers(tx, numbers, partnerId);
      const seen = await this.events.findByIds(
        tx,
        partnerId,
        groups.flatMap((g) => g.map((n) => n.event.eventId)),
      );
      const runs: ShipmentRun[] = [];
      for (const group of groups) {
        const ordered = [...group].sort(
          (a, b) => a.event.occurredAt.getTime() - b.event.occurredAt.getTime(),
        );
        const trackingNumber = ordered[0].event.trackingNumber;
        const shipment = locked.get(trackingNumber);
        if (!shipment) {
          const reason = `No shipment ${trackingNumber} is leased to or carried by you.`;
          answers.set(
            trackingNumber,
            ordered.map(({ index, event }) => refused(index, event, reason)),
          );
          continue;
        }
        const run = new ShipmentRun(shipment, actor, this.rules, seen);
        answers.set(
          trackingNumber,
          ordered.map(({ index, event }) => run.apply(index, event)),
        );
        runs.push(run);
      }
      await this.write(tx, partnerId, runs);
      return answers;
    });
  }

  /** What the runs decided, one statement per table; audit entries before the application steps they lead to. */
  private async write(tx: EntityManager, partnerId: string, runs: ShipmentRun[]): Promise<void> {
    const events = runs.flatMap((r) => r.events);
    if ((await this.events.insertMany(tx, partnerId, events)) < events.length) throw new EventIdsTaken();
    await this.audit.record(tx, ...runs.flatMap((r) => r.auditBefore));
    await this.followUp.many(
      tx,
      runs.flatMap((r) => (r.follow ? [r.follow] : [])),
    );
    const changed = runs.filter((r) => r.changed).map((r) => r.shipment);
    await this.shipments.saveProgress(
      tx,
      changed.map((s) => ({
        id: s.id,
        status: s.status,
        lastEventAt: s.lastEventAt,
        failedAttempts: s.failedAttempts,
        deliveredAt: s.deliveredAt ?? undefined,
        returnedAt: s.returnedAt ?? undefined,
      })),
    );
    await this.audit.record(tx, ...runs.flatMap((r) => r.auditAfter));
  }
}
