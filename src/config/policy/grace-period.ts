import { Dated, inForceOn } from './dated';

/**
 * How long after its expiry a licence could still be renewed without a re-test. Circular 12/2017/TT-BGTVT
 * allowed 3 months; the 2024 Road Traffic Order and Safety Law, in force 1 Jan 2025, allows none.
 * The setting in force on the day of the application applies.
 */
export const EXPIRY_GRACE_PERIOD: readonly Dated<{ months: number }>[] = [
  { from: '1970-01-01', until: '2024-12-31', value: { months: 3 } },
  { from: '2025-01-01', value: { months: 0 } },
];

export function gracePeriodMonthsOn(date: string): number {
  return inForceOn(EXPIRY_GRACE_PERIOD, date).months;
}

export type Retest = 'THEORY' | 'THEORY_AND_PRACTICAL';

/**
 * Which re-test an expired licence needs, by how long ago it expired (counted from the expiry date,
 * not from the end of the grace period): under a year, theory only; a year or more, theory and practical.
 */
export const RETEST_AFTER_EXPIRY: readonly Dated<{ theoryOnlyUnderMonths: number }>[] = [
  { from: '1970-01-01', value: { theoryOnlyUnderMonths: 12 } },
];

export function retestAfterExpiryOn(date: string): { theoryOnlyUnderMonths: number } {
  return inForceOn(RETEST_AFTER_EXPIRY, date);
}
