import { Dated, inForceOn } from './dated';

/**
 * How early before expiry a renewal is taken without an officer's second look. This is the service's
 * own policy, not law (the law sets no earliest date): a renewal asked for more than 6 months before
 * the nearest expiry is FLAGGED, not refused, since it may have a good reason (a long stay abroad).
 */
export const RENEWAL_WINDOW: readonly Dated<{ monthsBeforeExpiry: number }>[] = [
  { from: '1970-01-01', value: { monthsBeforeExpiry: 6 } },
];

export function renewalWindowMonthsOn(date: string): number {
  return inForceOn(RENEWAL_WINDOW, date).monthsBeforeExpiry;
}
