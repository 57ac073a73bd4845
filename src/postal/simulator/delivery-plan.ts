import type { ShipmentEventType, ShipmentStatus } from '../shipment-lifecycle';

/** A source of numbers in [0, 1): Math.random, or a seeded generator for repeatable runs. */
export type Random = () => number;

/** mulberry32: small, fast and good enough to make a simulated day repeatable from a seed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Why couriers come back with the card, roughly as often as they do. */
export const FAILURE_REASONS = [
  'nobody home',
  'nobody home',
  'nobody home',
  'recipient not reachable by phone',
  'address not found',
  'recipient asked to come back later',
] as const;

export interface PlannedEvent {
  type: ShipmentEventType;
  detail?: string;
}

/**
 * The courier's next move for a shipment, from what the service last said its status is: into transit
 * after pickup, then out for delivery, then delivered — or, with probability `failRate`, a failed
 * attempt and another try. null when the shipment has reached an end (the service decides when failed
 * attempts send it back to the office).
 */
export function nextEvent(status: ShipmentStatus, failRate: number, random: Random): PlannedEvent | null {
  switch (status) {
    case 'PICKED_UP':
      return { type: 'IN_TRANSIT' };
    case 'IN_TRANSIT':
    case 'DELIVERY_FAILED':
      return { type: 'OUT_FOR_DELIVERY' };
    case 'OUT_FOR_DELIVERY':
      if (random() < failRate) {
        return {
          type: 'DELIVERY_FAILED',
          detail: FAILURE_REASONS[Math.floor(random() * FAILURE_REASONS.length)],
        };
      }
      return { type: 'DELIVERED' };
    default:
      return null;
  }
}
