/**
 * Calendar dates as whole day numbers (days since 1970-01-01, UTC), which are fast to add, compare
 * and draw at random; converted to ISO `YYYY-MM-DD` only when a row is written.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
/** Vietnam keeps UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export function dayOf(year: number, month: number, day: number): Day {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function parseIsoDay(iso: string): Day {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not a date (YYYY-MM-DD): ${iso}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const result = dayOf(year, month, day);
  if (isoDay(result) !== iso) throw new Error(`no such date: ${iso}`);
  return result;
}

/** The calendar date in Vietnam at the given instant: "today" for the people the data describes. */
export function vietnamDay(instant: Date): Day {
  return Math.floor((instant.getTime() + VIETNAM_OFFSET_MS) / MS_PER_DAY);
}

// Rows repeat the same few tens of thousands of dates: format each once.
const isoCache = new Map<Day, string>();

export function isoDay(day: Day): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoCache.size < 100_000) isoCache.set(day, iso);
  }
  return iso;
}

export function yearOf(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Same month and day `months` later (or earlier); a day the target month lacks becomes its last. */
export function addMonths(day: Day, months: number): Day {
  const date = new Date(day * MS_PER_DAY);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) / MS_PER_DAY;
}

/** Same date `years` later; 29 February becomes 28 February in a common year. */
export function addYears(day: Day, years: number): Day {
  return addMonths(day, years * 12);
}

/** Whole years of age on `on` for someone born on `born`. */
export function ageOn(born: Day, on: Day): number {
  const b = new Date(born * MS_PER_DAY);
  const o = new Date(on * MS_PER_DAY);
  let age = o.getUTCFullYear() - b.getUTCFullYear();
  if (
    o.getUTCMonth() < b.getUTCMonth() ||
    (o.getUTCMonth() === b.getUTCMonth() && o.getUTCDate() < b.getUTCDate())
  ) {
    age--;
  }
  return age;
}
