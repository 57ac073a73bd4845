import { addDays, dayOfWeek, daysBetween, fromDayNumber } from '../config/policy/calendar-date';
import { isMakeUpWorkingDay, isPublicHoliday } from '../config/policy/holidays';

/**
 * Working-day deadlines. Vietnam keeps UTC+7 all year (no daylight saving), so a local calendar day is
 * a fixed 24-hour span of UTC and plain arithmetic on epoch milliseconds is exact.
 */
export const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;
const MS_PER_DAY = 86_400_000;

export type HolidayTest = (isoDate: string) => boolean;

export interface WorkingCalendar {
  isHoliday: HolidayTest;
  /** Saturdays worked in exchange for a weekday off. */
  isMakeUpWorkingDay?: HolidayTest;
}

/** The licensing offices' calendar: weekends, public holidays, swapped days and make-up Saturdays. */
export const OFFICE_CALENDAR: WorkingCalendar = { isHoliday: isPublicHoliday, isMakeUpWorkingDay };

function calendarOf(calendar: HolidayTest | WorkingCalendar): WorkingCalendar {
  return typeof calendar === 'function' ? { isHoliday: calendar } : calendar;
}

function assertValidInstant(instant: Date, what: string): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError(`${what} is not a valid date`);
}

/** The calendar day in Vietnam at an instant. */
export function vietnamDateOf(instant: Date): string {
  assertValidInstant(instant, 'instant');
  return fromDayNumber(Math.floor((instant.getTime() + VIETNAM_UTC_OFFSET_MS) / MS_PER_DAY));
}

/** 00:00:00.000 in Vietnam on a calendar day, as an instant. */
export function startOfVietnamDay(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00.000Z`) - VIETNAM_UTC_OFFSET_MS);
}

/** 23:59:59.999 in Vietnam on a calendar day, as an instant. */
export function endOfVietnamDay(isoDate: string): Date {
  return new Date(startOfVietnamDay(addDays(isoDate, 1)).getTime() - 1);
}

/** A day the offices work: Monday–Friday unless a holiday, or a make-up Saturday. */
export function isWorkingDay(
  isoDate: string,
  calendar: HolidayTest | WorkingCalendar = OFFICE_CALENDAR,
): boolean {
  const { isHoliday, isMakeUpWorkingDay: isMakeUp } = calendarOf(calendar);
  if (isHoliday(isoDate)) return false;
  const weekday = dayOfWeek(isoDate);
  if (weekday === 0 || weekday === 6) return isMakeUp?.(isoDate) ?? false;
  return true;
}

/**
 * The deadline `days` working days after `start`: the END (23:59:59.999 Vietnam time) of the n-th
 * working day after the local day of `start`, whatever the time of day and whether or not that day is
 * itself a working day (an application that arrives on Saturday has Monday as its first day).
 * With `days` = 0, the end of the start day if it is a working day, else of the next working day.
 */
export function addWorkingDays(
  start: Date,
  days: number,
  isHoliday: HolidayTest | WorkingCalendar = OFFICE_CALENDAR,
): Date {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`days must be a whole number of 0 or more, got ${days}`);
  }
  let day = vietnamDateOf(start);
  if (days === 0) {
    while (!isWorkingDay(day, isHoliday)) day = addDays(day, 1);
    return endOfVietnamDay(day);
  }
  for (let counted = 0; counted < days;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, isHoliday)) counted += 1;
  }
  return endOfVietnamDay(day);
}

/**
 * Working days after the local day of `a` up to and including the local day of `b`, so that
 * `b <= addWorkingDays(a, n)` exactly when `workingDaysBetween(a, b) <= n` (n ≥ 1): the measure for
 * "decided within n working days". Negative when `b` is before `a`.
 */
export function workingDaysBetween(
  a: Date,
  b: Date,
  calendar: HolidayTest | WorkingCalendar = OFFICE_CALENDAR,
): number {
  const from = vietnamDateOf(a);
  const to = vietnamDateOf(b);
  if (to < from) return -workingDaysBetween(b, a, calendar);
  let count = 0;
  for (let i = 1; i <= daysBetween(from, to); i += 1) {
    if (isWorkingDay(addDays(from, i), calendar)) count += 1;
  }
  return count;
}
