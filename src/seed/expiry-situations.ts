import { addMonths, addYears, Day } from './dates';

/** Where a licence stands against its expiry on "today" (licences with only lifetime classes: none). */
export type ExpirySituation = 'VALID_FAR' | 'EXPIRING_SOON' | 'EXPIRED_RECENTLY' | 'EXPIRED_LONG_AGO';

/** Long-expired licences are at most this many years late (older ones have left the register). */
const LONGEST_EXPIRED_YEARS = 8;

/** Classifies an expiry date against today; an expiry date is the last day the class is valid. */
export function classifyExpiry(expiresOn: Day | null, today: Day): ExpirySituation | 'LIFETIME' {
  if (expiresOn === null) return 'LIFETIME';
  if (expiresOn >= today) return expiresOn <= addMonths(today, 6) ? 'EXPIRING_SOON' : 'VALID_FAR';
  return expiresOn > addYears(today, -1) ? 'EXPIRED_RECENTLY' : 'EXPIRED_LONG_AGO';
}

/** The expiry dates that put a licence in each situation, two days clear of every boundary. */
export function expiryWindow(situation: ExpirySituation, today: Day): [Day, Day] {
  switch (situation) {
    case 'VALID_FAR':
      return [addMonths(today, 6) + 2, Number.MAX_SAFE_INTEGER];
    case 'EXPIRING_SOON':
      return [today + 2, addMonths(today, 6) - 2];
    case 'EXPIRED_RECENTLY':
      return [addYears(today, -1) + 2, today - 2];
    case 'EXPIRED_LONG_AGO':
      return [addYears(today, -LONGEST_EXPIRED_YEARS), addYears(today, -1) - 2];
  }
}
