import type { Shipment } from './shipment';

/** What a partner's pickup of one shipment comes to, before the application is asked to move. */
export type PickupVerdict = { kind: 'take' } | { kind: 'already' } | { kind: 'refused'; reason: string };

/**
 * Only the holder of a running lease may pick a card up; a pickup that happened before is a retry
 * (answered, nothing changes).
 */
export function pickupVerdict(
  trackingNumber: string,
  s: Shipment & { leaseRunning: boolean },
  partnerId: string,
): PickupVerdict {
  const held = s.partnerId === partnerId;
  if (held && s.status !== 'READY' && s.status !== 'LEASED') return { kind: 'already' };
  if (!held || s.status !== 'LEASED') {
    return {
      kind: 'refused',
      reason: `You do not hold the lease on ${trackingNumber}: claim it first (POST /api/v1/postal/shipments/claim).`,
    };
  }
  if (!s.leaseRunning) {
    return {
      kind: 'refused',
      reason: `Your lease on ${trackingNumber} ran out at ${s.leaseExpiresAt?.toISOString()}; claim it again before picking it up.`,
    };
  }
  return { kind: 'take' };
}

export const noLongerWaitingForPost = (trackingNumber: string) =>
  `The application behind ${trackingNumber} is no longer waiting for the post: do not take the card, and tell the office.`;
