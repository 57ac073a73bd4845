import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../audit/audit-log';
import { Clock } from '../../common/clock';
import { Environment } from '../../config/environment';
import { ApplicationFollowUp } from '../application-follow-up';
import { EVENT_RESULTS, EventBatchResultDto, EventResult, EventResultDto } from '../dto/event-batch.dto';
import type { PartnerPrincipal } from '../partners/partner-api-key.strategy';
import { partnerActor } from '../pickup.service';
import { ShipmentsRepository } from '../shipments.repository';
import { ParsedEvent, parseEvent } from './event-input';
import { ShipmentEventsRepository } from './shipment-events.repository';
import { refused, ShipmentRun, ShipmentRunDeps } from './shipment-run';

/** Shipments are worked on side by side, each in a transaction of its own, this many at once. */
const SHIPMENTS_AT_ONCE = 4;

type Numbered = { index: number; event: ParsedEvent };

/**
 * A partner's batch of events. Each event is answered on its own: APPLIED, DUPLICATE (its eventId was
 * seen before; nothing changes) or REJECTED with the reason. The events of one shipment are applied in
 * the order they happened, under a lock on that shipment; the application follows (DELIVERED,
 * RETURNED_TO_OFFICE, also after the configured number of failed attempts).
 */
@Injectable()
export class ShipmentEventsService {
  private readonly runDeps: ShipmentRunDeps;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly shipments: ShipmentsRepository,
    events: ShipmentEventsRepository,
    followUp: ApplicationFollowUp,
    audit: AuditLog,
    env: Environment,
    clock: Clock,
  ) {
    this.runDeps = {
      shipments,
      events,
      followUp,
      audit,
      maxAttempts: env.POSTAL_MAX_DELIVERY_ATTEMPTS,
      now: () => clock.now(),
    };
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
    await forEachConcurrently([...byShipment.values()], SHIPMENTS_AT_ONCE, async (group) => {
      for (const result of await this.applyToShipment(partner, group, ip)) results[result.index] = result;
    });
    const counts = Object.fromEntries(EVENT_RESULTS.map((r) => [r, 0])) as Record<EventResult, number>;
    for (const r of results) counts[r.result]++;
    return { results, counts };
  }

  /** One shipment's events, in the order they happened, in one transaction. */
  private applyToShipment(
    partner: PartnerPrincipal,
    group: Numbered[],
    ip: string,
  ): Promise<EventResultDto[]> {
    const ordered = [...group].sort((a, b) => a.event.occurredAt.getTime() - b.event.occurredAt.getTime());
    const trackingNumber = ordered[0].event.trackingNumber;
    return this.db.transaction(async (tx) => {
      const shipment = await this.shipments.lockByTrackingNumber(tx, trackingNumber, partner.partnerId);
      if (!shipment) {
        const reason = `No shipment ${trackingNumber} is leased to or carried by you.`;
        return ordered.map(({ index, event }) => refused(index, event, reason));
      }
      const seen = await this.runDeps.events.findByIds(
        tx,
        partner.partnerId,
        ordered.map((o) => o.event.eventId),
      );
      const run = new ShipmentRun(
        tx,
        shipment,
        partner.partnerId,
        partnerActor(partner, ip),
        this.runDeps,
        seen,
      );
      const results: EventResultDto[] = [];
      for (const { index, event } of ordered) results.push(await run.apply(index, event));
      await run.finish();
      return results;
    });
  }
}

/** Runs `work` over the items, at most `limit` at a time; the first failure stops new work and is thrown. */
async function forEachConcurrently<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (failures.length === 0 && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length) throw failures[0];
}
