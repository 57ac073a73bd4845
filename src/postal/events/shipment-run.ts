import { EntityManager } from 'typeorm';
import { AuditEntry, SYSTEM_ACTOR } from '../../audit/audit-entry';
import type { WorkflowActor } from '../../workflow/workflow-gate';
import { AuditLog } from '../../audit/audit-log';
import { ApplicationFollowUp } from '../application-follow-up';
import type { EventResultDto } from '../dto/event-batch.dto';
import type { Shipment } from '../shipment';
import { CITIZEN_EVENT_TEXT, decideEvent, FINAL_SHIPMENT_STATUSES } from '../shipment-lifecycle';
import { ShipmentsRepository } from '../shipments.repository';
import type { ParsedEvent } from './event-input';
import { ShipmentEventsRepository, StoredEventKey } from './shipment-events.repository';

export interface ShipmentRunDeps {
  shipments: ShipmentsRepository;
  events: ShipmentEventsRepository;
  followUp: ApplicationFollowUp;
  audit: AuditLog;
  maxAttempts: number;
  now: () => Date;
}

export function refused(index: number, event: ParsedEvent, reason: string): EventResultDto {
  return { index, eventId: event.eventId, trackingNumber: event.trackingNumber, result: 'REJECTED', reason };
}

function citizenText(event: ParsedEvent): string {
  const text = CITIZEN_EVENT_TEXT[event.type];
  return event.type === 'DELIVERY_FAILED' && event.detail ? `${text}: ${event.detail.slice(0, 200)}` : text;
}

/**
 * Applies one shipment's events in its transaction (the shipment row locked by the caller), keeping
 * the shipment's state in memory and writing it back once at the end. Audit entries are gathered and
 * written in order, before each step that moves the application, so the timeline reads as it happened.
 */
export class ShipmentRun {
  private readonly pendingAudit: AuditEntry[] = [];
  private changed = false;

  constructor(
    private readonly tx: EntityManager,
    private readonly shipment: Shipment,
    private readonly partnerId: string,
    private readonly actor: WorkflowActor,
    private readonly deps: ShipmentRunDeps,
    /** Events already stored under this partner's ids (filled as this run stores more). */
    private readonly seen: Map<string, StoredEventKey>,
  ) {}

  async apply(index: number, event: ParsedEvent): Promise<EventResultDto> {
    const s = this.shipment;
    const answer = (
      result: EventResultDto['result'],
      extra: Partial<EventResultDto> = {},
    ): EventResultDto => ({
      index,
      eventId: event.eventId,
      trackingNumber: s.trackingNumber,
      result,
      status: s.status,
      ...extra,
    });
    const before = this.seen.get(event.eventId);
    if (before) {
      const same =
        before.shipmentId === s.id &&
        before.type === event.type &&
        before.occurredAt.getTime() === event.occurredAt.getTime();
      if (same) return answer('DUPLICATE', { reason: 'This event was received before; nothing changed.' });
      return refused(
        index,
        event,
        `eventId ${event.eventId} was already used for another event (${before.type} at ${before.occurredAt.toISOString()}): give each event an id of its own.`,
      );
    }
    const decision = decideEvent(s, event, this.deps.now());
    if (decision.kind === 'REJECT') return refused(index, event, decision.reason);
    const effect = decision.kind === 'MOVE' ? 'MOVED' : 'LATE';
    const stored = await this.deps.events.insert(this.tx, {
      partnerId: this.partnerId,
      shipmentId: s.id,
      event,
      effect,
    });
    if (!stored) {
      // A concurrent batch stored this id first: answer as if it had been seen before.
      const winner = (await this.deps.events.findByIds(this.tx, this.partnerId, [event.eventId])).get(
        event.eventId,
      );
      if (!winner) return answer('DUPLICATE', { reason: 'This event was received before; nothing changed.' });
      this.seen.set(event.eventId, winner);
      return this.apply(index, event);
    }
    this.seen.set(event.eventId, { shipmentId: s.id, type: event.type, occurredAt: event.occurredAt });

    this.changed = true;
    const from = s.status;
    if (event.type === 'DELIVERY_FAILED') s.failedAttempts++;
    if (decision.kind === 'MOVE') {
      s.status = decision.to;
      s.lastEventAt = event.occurredAt;
    }
    this.pendingAudit.push({
      actor: this.actor,
      // Late events stay off the citizen's timeline: "In transit" after "Delivered" would only confuse.
      action: decision.kind === 'MOVE' ? 'SHIPMENT_EVENT' : 'SHIPMENT_EVENT_LATE',
      subjectType: 'shipment',
      subjectId: s.id,
      applicationId: s.applicationId,
      fromState: from,
      toState: s.status,
      data: {
        trackingNumber: s.trackingNumber,
        eventId: event.eventId,
        type: event.type,
        occurredAt: event.occurredAt.toISOString(),
        detail: event.detail,
        citizenDetail: citizenText(event),
      },
    });
    if (decision.kind === 'MOVE') await this.followApplication(event);
    if (!FINAL_SHIPMENT_STATUSES.includes(s.status) && s.failedAttempts >= this.deps.maxAttempts) {
      await this.returnAfterFailedAttempts();
    }
    if (decision.kind === 'LATE') {
      return answer('APPLIED', {
        late: true,
        reason: `Recorded in the history; the shipment stays ${s.status}.`,
      });
    }
    return answer('APPLIED', { late: false });
  }

  /** Writes the shipment's new state and the remaining audit entries. */
  async finish(): Promise<void> {
    if (!this.changed) return;
    const s = this.shipment;
    await this.deps.shipments.saveProgress(this.tx, s.id, {
      status: s.status,
      lastEventAt: s.lastEventAt,
      failedAttempts: s.failedAttempts,
      deliveredAt: s.deliveredAt ?? undefined,
      returnedAt: s.returnedAt ?? undefined,
    });
    await this.flushAudit();
  }

  private async followApplication(event: ParsedEvent): Promise<void> {
    const s = this.shipment;
    if (s.status === 'DELIVERED') {
      s.deliveredAt = event.occurredAt;
      await this.flushAudit();
      await this.deps.followUp.delivered(this.tx, s, this.actor);
    } else if (s.status === 'RETURNED') {
      s.returnedAt = event.occurredAt;
      await this.flushAudit();
      const why = event.detail
        ? `returned by the post: ${event.detail.slice(0, 200)}`
        : 'returned by the post';
      await this.deps.followUp.returnedToOffice(this.tx, s, this.actor, why);
    }
  }

  /** The configured number of failed attempts is reached: the card goes back to the office, by rule. */
  private async returnAfterFailedAttempts(): Promise<void> {
    const s = this.shipment;
    const from = s.status;
    s.status = 'RETURNED';
    s.returnedAt = this.deps.now();
    this.pendingAudit.push({
      actor: SYSTEM_ACTOR,
      action: 'SHIPMENT_RETURN_ORDERED',
      subjectType: 'shipment',
      subjectId: s.id,
      applicationId: s.applicationId,
      fromState: from,
      toState: s.status,
      reason: `${s.failedAttempts} failed delivery attempts (the limit is ${this.deps.maxAttempts})`,
      data: { trackingNumber: s.trackingNumber },
    });
    await this.flushAudit();
    await this.deps.followUp.returnedToOffice(
      this.tx,
      s,
      SYSTEM_ACTOR,
      `after ${s.failedAttempts} failed delivery attempts`,
    );
  }

  private async flushAudit(): Promise<void> {
    const entries = this.pendingAudit.splice(0);
    await this.deps.audit.record(this.tx, ...entries);
  }
}
