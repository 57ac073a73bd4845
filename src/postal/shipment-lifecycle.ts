/**
 * A shipment's life as data, and the one rule that decides what a reported event does to it.
 *
 * READY → LEASED (claimed; the lease runs out unless followed by pickup) → PICKED_UP → then the events
 * the partner reports: IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERY_FAILED (then another attempt), and one of
 * the two ends, DELIVERED or RETURNED (to the issuing office).
 *
 * Partners' events arrive late, twice and out of order. An event that happened before the one that
 * set the current status only joins the history (LATE); an end is final; anything else that the table
 * below does not allow is refused with the reason.
 */
export const SHIPMENT_STATUSES = [
  'READY',
  'LEASED',
  'PICKED_UP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERY_FAILED',
  'DELIVERED',
  'RETURNED',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const SHIPMENT_EVENT_TYPES = [
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'DELIVERY_FAILED',
  'RETURNED',
] as const;
export type ShipmentEventType = (typeof SHIPMENT_EVENT_TYPES)[number];

export const FINAL_SHIPMENT_STATUSES: readonly ShipmentStatus[] = ['DELIVERED', 'RETURNED'];

/** The statuses each event may follow when it arrives in order. */
export const EVENT_SOURCES: Record<ShipmentEventType, readonly ShipmentStatus[]> = {
  // Back in transit after a failed attempt (on the way back, or to another office); not once out for delivery.
  IN_TRANSIT: ['PICKED_UP', 'IN_TRANSIT', 'DELIVERY_FAILED'],
  OUT_FOR_DELIVERY: ['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERY_FAILED'],
  // Scans get lost: an attempt or an end may follow any earlier step directly.
  DELIVERY_FAILED: ['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERY_FAILED'],
  DELIVERED: ['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERY_FAILED'],
  RETURNED: ['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERY_FAILED'],
};

/** What the citizen's timeline says for each event (the partner's detail is added to failures). */
export const CITIZEN_EVENT_TEXT: Record<ShipmentEventType, string> = {
  IN_TRANSIT: 'In transit',
  OUT_FOR_DELIVERY: 'Out for delivery',
  DELIVERED: 'Delivered',
  DELIVERY_FAILED: 'Delivery attempt failed',
  RETURNED: 'Returned to the licensing office',
};

/** Partners' clocks drift: an event may claim to be this far in the future, or before the shipment existed. */
export const CLOCK_TOLERANCE_MS = 5 * 60 * 1000;

export interface ShipmentState {
  status: ShipmentStatus;
  /** When the event that set the current status happened (null until the first event after pickup). */
  lastEventAt: Date | null;
  createdAt: Date;
}

export interface ReportedEvent {
  type: ShipmentEventType;
  occurredAt: Date;
}

export type EventDecision =
  { kind: 'MOVE'; to: ShipmentStatus } | { kind: 'LATE' } | { kind: 'REJECT'; reason: string };

const isFinal = (status: ShipmentStatus) => FINAL_SHIPMENT_STATUSES.includes(status);
const words = (s: string) => s.toLowerCase().replace(/_/g, ' ');

/** Decides what one event does to a shipment; pure, so every case is a unit test. */
export function decideEvent(state: ShipmentState, event: ReportedEvent, now: Date): EventDecision {
  const at = event.occurredAt.getTime();
  if (at > now.getTime() + CLOCK_TOLERANCE_MS) {
    return { kind: 'REJECT', reason: `occurredAt ${event.occurredAt.toISOString()} is in the future.` };
  }
  if (at < state.createdAt.getTime() - CLOCK_TOLERANCE_MS) {
    return {
      kind: 'REJECT',
      reason: `occurredAt ${event.occurredAt.toISOString()} is before the shipment was created (${state.createdAt.toISOString()}).`,
    };
  }
  if (state.status === 'READY' || state.status === 'LEASED') {
    return {
      kind: 'REJECT',
      reason: 'The shipment has not been picked up: report the pickup (POST …/pickup) before its events.',
    };
  }
  const last = state.lastEventAt?.getTime() ?? null;
  if (isFinal(state.status)) {
    // A repeated report of the same end, or a step reported late, changes nothing but the history.
    if (event.type === state.status) return { kind: 'LATE' };
    if (!isFinal(event.type) && last !== null && at <= last) return { kind: 'LATE' };
    const since = state.lastEventAt ? ` at ${state.lastEventAt.toISOString()}` : '';
    return {
      kind: 'REJECT',
      reason: `The shipment was ${words(state.status)}${since}; it cannot be ${words(event.type)} after that.`,
    };
  }
  // An end is final and the furthest a shipment goes: it always applies, whatever arrived before it.
  if (isFinal(event.type)) return { kind: 'MOVE', to: event.type };
  if (last !== null && at < last) return { kind: 'LATE' };
  if (EVENT_SOURCES[event.type].includes(state.status)) return { kind: 'MOVE', to: event.type };
  return {
    kind: 'REJECT',
    reason: `The shipment is ${words(state.status)}; ${words(event.type)} cannot follow (allowed after: ${EVENT_SOURCES[
      event.type
    ]
      .map(words)
      .join(', ')}).`,
  };
}

/** The status partners and citizens see: a lease that ran out puts the shipment back in the pool. */
export function effectiveStatus(
  status: ShipmentStatus,
  leaseExpiresAt: Date | null,
  now: Date,
): ShipmentStatus {
  return status === 'LEASED' && leaseExpiresAt !== null && leaseExpiresAt <= now ? 'READY' : status;
}

/** The same rule in SQL, for filters and pages computed in the database (`s` is the shipments alias). */
export const EFFECTIVE_STATUS_SQL = `CASE WHEN s.status = 'LEASED' AND s.lease_expires_at <= now() THEN 'READY' ELSE s.status END`;
