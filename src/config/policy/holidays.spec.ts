import { dayOfWeek } from './calendar-date';
import { HOLIDAY_CALENDAR, holidayYearOf, isMakeUpWorkingDay, isPublicHoliday } from './holidays';

describe('public holidays', () => {
  it.each([
    ['2025-01-01', 'New Year'],
    ['2025-01-29', 'Tết 2025, lunar new year day'],
    ['2025-04-07', "Hùng Kings' day 2025"],
    ['2025-05-02', 'the Friday swapped for Saturday 26 Apr 2025'],
    ['2025-09-01', 'the day beside National Day 2025'],
    ['2026-01-02', 'the New Year 2026 swap'],
    ['2026-02-16', 'Tết 2026, first day off'],
    ['2026-02-20', 'Tết 2026, last day off'],
    ['2026-04-27', "Hùng Kings' day 2026 in lieu of a Sunday"],
    ['2026-08-31', 'the Monday swapped for National Day 2026'],
    ['2027-02-10', 'Tết 2027 in lieu of a weekend day'],
    ['2027-05-03', 'Labour Day 2027 in lieu of a Saturday'],
    ['2027-09-03', 'the day beside National Day 2027'],
  ])('%s is a day off (%s)', (date) => {
    expect(isPublicHoliday(date)).toBe(true);
  });

  it.each(['2025-01-02', '2025-02-03', '2026-02-23', '2026-04-28', '2026-11-24', '2027-02-12'])(
    '%s is an ordinary day',
    (date) => {
      expect(isPublicHoliday(date)).toBe(false);
    },
  );

  it('knows the Saturdays worked in exchange', () => {
    expect(isMakeUpWorkingDay('2025-04-26')).toBe(true);
    expect(isMakeUpWorkingDay('2026-01-10')).toBe(true);
    expect(isMakeUpWorkingDay('2026-08-22')).toBe(true);
    expect(isMakeUpWorkingDay('2026-08-29')).toBe(false);
  });

  it.each(HOLIDAY_CALENDAR.map((entry) => [entry.from.slice(0, 4), entry] as const))(
    '%s has the 11 statutory holidays, in its own year, and coherent swaps',
    (year, entry) => {
      const { daysOff, makeUpWorkingDays } = entry.value;
      expect(daysOff.filter((d) => d.kind === 'HOLIDAY')).toHaveLength(11);
      expect(daysOff.filter((d) => d.name.startsWith('Tết') && d.kind === 'HOLIDAY')).toHaveLength(5);
      for (const d of daysOff) expect(d.date.slice(0, 4)).toBe(year);
      for (const d of daysOff.filter((x) => x.kind !== 'HOLIDAY')) {
        expect([0, 6]).not.toContain(dayOfWeek(d.date)); // days given off are weekdays
      }
      for (const m of makeUpWorkingDays) {
        expect(dayOfWeek(m.date)).toBe(6);
        expect(daysOff.some((d) => d.date === m.replaces && d.kind === 'SWAPPED')).toBe(true);
      }
      expect(new Set(daysOff.map((d) => d.date)).size).toBe(daysOff.length);
    },
  );

  it('marks 2027 as expected, not decreed', () => {
    expect(holidayYearOf('2027-06-01').status).toBe('EXPECTED');
    expect(holidayYearOf('2026-06-01').status).toBe('DECREED');
  });

  it('refuses a year the calendar does not cover, naming the file to extend', () => {
    expect(() => isPublicHoliday('2028-01-01')).toThrow(/src\/config\/policy\/holidays\.ts/);
    expect(() => isPublicHoliday('2024-12-31')).toThrow(/No public-holiday calendar covers 2024-12-31/);
  });
});
