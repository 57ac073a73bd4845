import { AuditEntry, SYSTEM_ACTOR } from '../../audit/audit-entry';
import type { WorkflowActor } from '../../workflow/workflow-gate';
import type { EventResultDto } from '../dto/event-batch.dto';
import type { Shipment } from '../shipment';
import { CITIZEN_EVENT_TEXT, decideEvent, FINAL_SHIPMENT_STATUSES } from '../shipment-lifecycle';
import type { ParsedEvent } from './event-input';
import type { StoredEventKey } from './shipment-events.repository';

export interface ShipmentRunRules {
  maxAttempts: number;
  now: () => Date;
}

/** The application step a run leads to (at most one: every step ends the shipment's journey). */
export type FollowStep =
  | { kind: 'delivered'; shipment: Shipment; actor: WorkflowActor }
  | { kind: 'returned'; shipment: Shipment; actor: WorkflowActor; why: string };

/** An event to store, as the run decided it. */
export interface EventToStore {
  shipmentId: string;
  event: ParsedEvent;
  effect: 'MOVED' | 'LATE';
}

export function refused(index: number, event: ParsedEvent, reason: string): EventResultDto {
  return { index, eventId: event.eventId, trackingNumber: event.trackingNumber, result: 'REJECTED', reason };
}

function citizenText(event: ParsedEvent): string {
  const text = CITIZEN_EVENT_TEXT[event.type];
  return event.type === 'DELIVERY_FAILED' && event.detail ? `${text}: ${event.detail.slice(0, 200)}` : text;
}

/**
 * Applies one shipment's events (the shipment row locked by the caller) in memory, and gathers what
 * to write: the events to store, the shipment's new state, the audit entries before and after the
 * application step it leads to, and that step. The caller writes the runs of a whole request
 * together (ShipmentRunWriter), so a partner's batch costs one statement per table, not per event.
 * The audit entries before the step are written before it, so the timeline reads as it happened.
 */
export class ShipmentRun {
  readonly events: EventToStore[] = [];
  readonly auditBefore: AuditEntry[] = [];
  readonly auditAfter: AuditEntry[] = [];
  follow: FollowStep | null = null;
  changed = false;

  constructor(
    readonly shipment: Shipment,
    private readonly actor: WorkflowActor,
    private readonly rules: ShipmentRunRules,
    /** Events already stored under this partner's ids, shared by the request's runs (filled as they go). */
    private readonly seen: Map<string, StoredEventKey>,
  ) {}

  apply(index: number, event: ParsedEvent): EventResultDto {
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
    const decision = decideEvent(s, event, this.rules.now());
    if (decision.kind === 'REJECT') return refused(index, event, decision.reason);
    const effect = decision.kind === 'MOVE' ? 'MOVED' : 'LATE';
    this.events.push({ shipmentId: s.id, event, effect });
    this.seen.set(event.eventId, { shipmentId: s.id, type: event.type, occurredAt: event.occurredAt });

    this.changed = true;
    const from = s.status;
    if (event.type === 'DELIVERY_FAILED') s.failedAttempts++;
    if (decision.kind === 'MOVE') {
      s.status = decision.to;
      s.lastEventAt = event.occurredAt;
    }
    this.audit({
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
    if (decision.kind === 'MOVE') this.followApplication(event);
    if (!FINAL_SHIPMENT_STATUSES.includes(s.status) && s.failedAttempts >= this.rules.maxAttempts) {
      this.returnAfterFailedAttempts();
    }
    if (decision.kind === 'LATE') {
      return answer('APPLIED', {
        late: true,
        reason: `Recorded in the history; the shipment stays ${s.status}.`,
      });
    }
    return answer('APPLIED', { late: false });
  }

  private audit(entry: AuditEntry): void {
    (this.follow ? this.auditAfter : this.auditBefore).push(entry);
  }

  private followApplication(event: ParsedEvent): void {
    const s = this.shipment;
    if (s.status === 'DELIVERED') {
      s.deliveredAt = event.occurredAt;
      this.follow = { kind: 'delivered', shipment: s, actor: this.actor };
    } else if (s.status === 'RETURNED') {
      s.returnedAt = event.occurredAt;
      const why = event.detail
        ? `returned by the post: ${event.detail.slice(0, 200)}`
        : 'returned by the post';
      this.follow = { kind: 'returned', shipment: s, actor: this.actor, why };
    }
  }

  /** The configured number of failed attempts is reached: the card goes back to the office, by rule. */
  private returnAfterFailedAttempts(): void {
    const s = this.shipment;
    const from = s.status;
    s.status = 'RETURNED';
    s.returnedAt = this.rules.now();
    this.audit({
      actor: SYSTEM_ACTOR,
      action: 'SHIPMENT_RETURN_ORDERED',
      subjectType: 'shipment',
      subjectId: s.id,
      applicationId: s.applicationId,
      fromState: from,
      toState: s.status,
      reason: `${s.failedAttempts} failed delivery attempts (the limit is ${this.rules.maxAttempts})`,
      data: { trackingNumber: s.trackingNumber },
    });
    this.follow = {
      kind: 'returned',
      shipment: s,
      actor: SYSTEM_ACTOR,
      why: `after ${s.failedAttempts} failed delivery attempts`,
    };
  }
}
