import { assertIsoDate } from './calendar-date';

/**
 * A setting that changes with law or time: `value` is in force from `from` to `until`, both days
 * included (ISO `YYYY-MM-DD`); without `until` it stays in force until a later entry replaces it.
 */
export interface Dated<T> {
  from: string;
  until?: string;
  value: T;
}

/**
 * The value in force on a date. Where entries overlap, the one that starts latest wins, and between two
 * that start on the same day the one listed later wins: so a change of law is one appended entry, and
 * nobody has to edit (or get wrong) the end date of the entry it replaces.
 */
export function inForceOn<T>(schedule: readonly Dated<T>[], date: string): T {
  assertIsoDate(date);
  let found: Dated<T> | undefined;
  for (const entry of schedule) {
    const applies = entry.from <= date && (entry.until === undefined || date <= entry.until);
    if (applies && (found === undefined || entry.from >= found.from)) found = entry;
  }
  if (found === undefined)
    throw new RangeError(`No setting in force on ${date}: the schedule does not cover it`);
  return found.value;
}

/** Checks a schedule's own dates; the tests run it over every schedule in src/config/policy. */
export function assertWellFormedSchedule<T>(schedule: readonly Dated<T>[], name: string): void {
  if (schedule.length === 0) throw new RangeError(`${name} has no entries`);
  for (const entry of schedule) {
    assertIsoDate(entry.from, `${name}: from`);
    if (entry.until !== undefined) {
      assertIsoDate(entry.until, `${name}: until`);
      if (entry.until < entry.from) throw new RangeError(`${name}: ${entry.until} is before ${entry.from}`);
    }
  }
}
