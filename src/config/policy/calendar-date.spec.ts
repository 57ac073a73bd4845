import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  dayOfWeek,
  daysBetween,
  earliestDate,
  isIsoDate,
  monthsAndDaysBetween,
} from './calendar-date';

describe('calendar dates', () => {
  it.each([
    ['2025-01-31', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['20250101', false],
    ['2025-04-31', false],
  ])('knows whether %s is a calendar date (%s)', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('ends a month or year period on the last day of a shorter month (Civil Code)', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('counts days between dates, negative backwards', () => {
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-10', '2025-01-01')).toBe(-9);
  });

  it('computes completed years of age, birthday included', () => {
    expect(ageOn('1990-05-14', '2026-05-13')).toBe(35);
    expect(ageOn('1990-05-14', '2026-05-14')).toBe(36);
    expect(ageOn('2000-02-29', '2025-02-27')).toBe(24);
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(25);
  });

  it('knows the weekday', () => {
    expect(dayOfWeek('2026-11-27')).toBe(5); // a Friday
    expect(dayOfWeek('2025-01-26')).toBe(0); // a Sunday
  });

  it('splits a span into whole months and the days left', () => {
    expect(monthsAndDaysBetween('2025-01-31', '2025-03-01')).toEqual({ months: 1, days: 1 });
    expect(monthsAndDaysBetween('2025-05-01', '2026-12-01')).toEqual({ months: 19, days: 0 });
    expect(monthsAndDaysBetween('2025-05-01', '2025-05-13')).toEqual({ months: 0, days: 12 });
  });

  it('picks the earliest date and refuses an empty list', () => {
    expect(earliestDate(['2027-01-01', '2025-06-30', '2026-01-01'])).toBe('2025-06-30');
    expect(() => earliestDate([])).toThrow(RangeError);
  });

  it('refuses a malformed date instead of computing nonsense', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(/calendar date/);
  });
});
