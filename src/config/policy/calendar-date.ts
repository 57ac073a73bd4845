/**
 * Arithmetic on calendar dates written as ISO strings (`YYYY-MM-DD`), which is how every dated policy
 * and every agency record carries them. Dates have no time zone: the conversion from an instant to
 * Vietnam's calendar day lives in src/common/working-days.ts.
 *
 * Month and year periods follow the Civil Code: a period ends on the same day of the final month, or on
 * that month's last day when it has no such day (29 Feb + 1 year = 28 Feb).
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

interface DateParts {
  year: number;
  month: number; // 1–12
  day: number;
}

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function assertIsoDate(value: string, what = 'date'): void {
  if (!isIsoDate(value)) throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got "${value}"`);
}

function parts(value: string): DateParts {
  assertIsoDate(value);
  return {
    year: Number(value.slice(0, 4)),
    month: Number(value.slice(5, 7)),
    day: Number(value.slice(8, 10)),
  };
}

function format({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01; the inverse of fromDayNumber. */
export function toDayNumber(value: string): number {
  const { year, month, day } = parts(value);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): string {
  const d = new Date(dayNumber * MS_PER_DAY);
  return format({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function addDays(value: string, days: number): string {
  return fromDayNumber(toDayNumber(value) + days);
}

export function addMonths(value: string, months: number): string {
  const { year, month, day } = parts(value);
  const index = year * 12 + (month - 1) + months;
  const target = { year: Math.floor(index / 12), month: (index % 12) + 1 };
  return format({ ...target, day: Math.min(day, daysInMonth(target.year, target.month)) });
}

export function addYears(value: string, years: number): string {
  return addMonths(value, years * 12);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Completed years of age on a date (a person born 29 Feb turns a year older on 28 Feb). */
export function ageOn(dateOfBirth: string, on: string): number {
  const born = parts(dateOfBirth);
  const { year } = parts(on);
  const age = year - born.year;
  return addYears(dateOfBirth, age) <= on ? age : age - 1;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(value: string): number {
  return new Date(toDayNumber(value) * MS_PER_DAY).getUTCDay();
}

/** Whole months from `from` to `to` (`to` not earlier), with the days left over. */
export function monthsAndDaysBetween(from: string, to: string): { months: number; days: number } {
  const a = parts(from);
  const b = parts(to);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (addMonths(from, months) > to) months -= 1;
  return { months, days: daysBetween(addMonths(from, months), to) };
}

export function earliestDate(dates: readonly string[]): string {
  if (dates.length === 0) throw new RangeError('earliestDate needs at least one date');
  return dates.reduce((a, b) => (b < a ? b : a));
}
