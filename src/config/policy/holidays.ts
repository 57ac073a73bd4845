import { assertIsoDate } from './calendar-date';
import { Dated, inForceOn } from './dated';

/**
 * The days the licensing offices are closed besides weekends, one dated entry per year.
 *
 * Basis: Labour Code 2019, art. 112 — 11 paid holidays: New Year (1 Jan), Tết (5 days, the Government
 * picks them around the lunar new year), Hùng Kings' day (10th day of the 3rd lunar month), 30 Apr,
 * 1 May, National Day (2 Sep and one adjacent day the Government picks). A holiday on a weekend gives a
 * day off in lieu on the next working day. For civil servants the Government also swaps working days
 * to make long breaks: a swapped weekday is a day off and a Saturday becomes a make-up working day.
 * Lunar dates were computed with Hồ Ngọc Đức's algorithm for UTC+7.
 *
 * - 2025, 2026: as decided and announced (Ministry of Home Affairs notices; 2026 New Year swap by
 *   letter 12729/VPCP-KGVX of 25 Dec 2025; 2026 Tết and National Day approved on 13 Oct 2025).
 * - 2027: EXPECTED, the statutory layout with days in lieu; replace it once the Government decides.
 *   The proposed 24 Nov "Vietnamese Culture Day" holiday is not in the Labour Code yet: add it here,
 *   dated, when it is.
 */
export type DayOffKind = 'HOLIDAY' | 'IN_LIEU' | 'SWAPPED';

export interface DayOff {
  date: string;
  name: string;
  kind: DayOffKind;
}

export interface MakeUpWorkingDay {
  date: string;
  /** The weekday given off in exchange. */
  replaces: string;
}

export interface HolidayYear {
  status: 'DECREED' | 'EXPECTED';
  daysOff: readonly DayOff[];
  makeUpWorkingDays: readonly MakeUpWorkingDay[];
}

const holiday = (date: string, name: string): DayOff => ({ date, name, kind: 'HOLIDAY' });
const inLieu = (date: string, name: string): DayOff => ({
  date,
  name: `${name} (day in lieu)`,
  kind: 'IN_LIEU',
});
const swapped = (date: string, name: string): DayOff => ({
  date,
  name: `${name} (swapped)`,
  kind: 'SWAPPED',
});

const NEW_YEAR = 'New Year';
const TET = 'Tết (lunar new year)';
const HUNG_KINGS = "Hùng Kings' commemoration";
const REUNIFICATION = 'Reunification Day';
const LABOUR = 'International Labour Day';
const NATIONAL = 'National Day';

const YEAR_2025: HolidayYear = {
  status: 'DECREED',
  daysOff: [
    holiday('2025-01-01', NEW_YEAR),
    // Lunar new year Wed 29 Jan; offices closed Sat 25 Jan – Sun 2 Feb.
    ...['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'].map((d) => holiday(d, TET)),
    holiday('2025-04-07', HUNG_KINGS),
    holiday('2025-04-30', REUNIFICATION),
    holiday('2025-05-01', LABOUR),
    swapped('2025-05-02', LABOUR),
    holiday('2025-09-01', NATIONAL),
    holiday('2025-09-02', NATIONAL),
  ],
  makeUpWorkingDays: [{ date: '2025-04-26', replaces: '2025-05-02' }],
};

const YEAR_2026: HolidayYear = {
  status: 'DECREED',
  daysOff: [
    holiday('2026-01-01', NEW_YEAR),
    swapped('2026-01-02', NEW_YEAR),
    // Lunar new year Tue 17 Feb; offices closed Sat 14 Feb – Sun 22 Feb.
    ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((d) => holiday(d, TET)),
    holiday('2026-04-26', HUNG_KINGS), // a Sunday
    inLieu('2026-04-27', HUNG_KINGS),
    holiday('2026-04-30', REUNIFICATION),
    holiday('2026-05-01', LABOUR),
    swapped('2026-08-31', NATIONAL),
    holiday('2026-09-01', NATIONAL),
    holiday('2026-09-02', NATIONAL),
  ],
  makeUpWorkingDays: [
    { date: '2026-01-10', replaces: '2026-01-02' },
    { date: '2026-08-22', replaces: '2026-08-31' },
  ],
};

const YEAR_2027: HolidayYear = {
  status: 'EXPECTED',
  daysOff: [
    holiday('2027-01-01', NEW_YEAR),
    // Lunar new year Sat 6 Feb: eve + first four days, the two weekend days given back in lieu.
    ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'].map((d) => holiday(d, TET)),
    inLieu('2027-02-10', TET),
    inLieu('2027-02-11', TET),
    holiday('2027-04-16', HUNG_KINGS),
    holiday('2027-04-30', REUNIFICATION),
    holiday('2027-05-01', LABOUR), // a Saturday
    inLieu('2027-05-03', LABOUR),
    holiday('2027-09-02', NATIONAL),
    holiday('2027-09-03', NATIONAL), // the adjacent day is assumed to be the Friday
  ],
  makeUpWorkingDays: [],
};

export const HOLIDAY_CALENDAR: readonly Dated<HolidayYear>[] = [
  { from: '2025-01-01', until: '2025-12-31', value: YEAR_2025 },
  { from: '2026-01-01', until: '2026-12-31', value: YEAR_2026 },
  { from: '2027-01-01', until: '2027-12-31', value: YEAR_2027 },
];

/**
 * The year's calendar; throws for a year the calendar does not cover, because a deadline computed
 * without Tết would be silently wrong. Add the next year above before it starts.
 */
export function holidayYearOf(date: string): HolidayYear {
  assertIsoDate(date);
  try {
    return inForceOn(HOLIDAY_CALENDAR, date);
  } catch {
    throw new RangeError(
      `No public-holiday calendar covers ${date}: add that year to src/config/policy/holidays.ts`,
    );
  }
}

/** True when the offices are closed for a holiday: the holiday itself, a day in lieu or a swapped day. */
export function isPublicHoliday(date: string): boolean {
  return holidayYearOf(date).daysOff.some((d) => d.date === date);
}

/** True for a Saturday worked in exchange for a swapped weekday. */
export function isMakeUpWorkingDay(date: string): boolean {
  return holidayYearOf(date).makeUpWorkingDays.some((d) => d.date === date);
}
