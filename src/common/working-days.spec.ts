import {
  addWorkingDays,
  endOfVietnamDay,
  isWorkingDay,
  startOfVietnamDay,
  vietnamDateOf,
  workingDaysBetween,
} from './working-days';

/** An instant given as Vietnam local time. */
const local = (isoDateTime: string) => new Date(`${isoDateTime}+07:00`);
/** The expected deadline: the end of a local day, as a UTC instant. */
const endOf = (isoDate: string) => new Date(`${isoDate}T23:59:59.999+07:00`);

describe('Vietnam calendar days', () => {
  it('takes the local day at UTC+7', () => {
    expect(vietnamDateOf(new Date('2026-11-26T16:59:59.999Z'))).toBe('2026-11-26');
    expect(vietnamDateOf(new Date('2026-11-26T17:00:00.000Z'))).toBe('2026-11-27');
  });

  it('gives the first and last instant of a local day', () => {
    expect(startOfVietnamDay('2026-11-27').toISOString()).toBe('2026-11-26T17:00:00.000Z');
    expect(endOfVietnamDay('2026-11-27').toISOString()).toBe('2026-11-27T16:59:59.999Z');
    expect(endOfVietnamDay('2026-12-31').toISOString()).toBe('2026-12-31T16:59:59.999Z');
  });

  it.each([
    ['2026-11-27', true, 'a Friday'],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-11-29', false, 'a Sunday'],
    ['2026-02-17', false, 'Tết'],
    ['2026-08-31', false, 'a Monday swapped for National Day'],
    ['2026-08-22', true, 'a make-up Saturday'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['Friday morning + 1 → Monday, across the weekend', '2026-11-27T10:00', 1, '2026-11-30'],
    ['Friday + 5 → the next Friday', '2026-11-27T10:00', 5, '2026-12-04'],
    ['Wednesday + 2 → Friday', '2026-11-25T09:00', 2, '2026-11-27'],
    ['the Friday before Tết 2026 + 1 → the Monday after it', '2026-02-13T10:00', 1, '2026-02-23'],
    ['the Friday before Tết 2026 + 2', '2026-02-13T10:00', 2, '2026-02-24'],
    ['on a Tết holiday + 1 → the first day back', '2026-02-17T08:00', 1, '2026-02-23'],
    ['on a Saturday + 1 → Monday', '2026-11-28T11:00', 1, '2026-11-30'],
    ['on a Sunday + 2 → Tuesday', '2026-11-29T11:00', 2, '2026-12-01'],
    ['before the National Day 2026 break + 1 → Thursday', '2026-08-28T10:00', 1, '2026-09-03'],
    ['Friday before a make-up Saturday + 1 → that Saturday', '2026-08-21T10:00', 1, '2026-08-22'],
    ['Hùng Kings 2026 (in lieu Monday) + 1', '2026-04-24T10:00', 1, '2026-04-28'],
    ['23:30 local Thursday + 1 → Friday (still Thursday locally)', '2026-11-26T23:30', 1, '2026-11-27'],
    ['00:30 local Friday + 1 → Monday (already Friday locally)', '2026-11-27T00:30', 1, '2026-11-30'],
    ['across the new year 2027', '2026-12-31T10:00', 1, '2027-01-04'],
  ])('%s', (_name, start, days, deadline) => {
    expect(addWorkingDays(local(start), days)).toEqual(endOf(deadline));
  });

  it('works from the UTC instant: 23:30 local Thursday is 16:30Z, the same UTC day', () => {
    expect(addWorkingDays(new Date('2026-11-26T16:30:00Z'), 1).toISOString()).toBe(
      '2026-11-27T16:59:59.999Z',
    );
  });

  it('with 0 days: the end of the same working day, or of the next one if the start is a day off', () => {
    expect(addWorkingDays(local('2026-11-27T10:00'), 0)).toEqual(endOf('2026-11-27'));
    expect(addWorkingDays(local('2026-11-28T10:00'), 0)).toEqual(endOf('2026-11-30'));
    expect(addWorkingDays(local('2026-02-16T10:00'), 0)).toEqual(endOf('2026-02-23'));
  });

  it('takes another holiday calendar', () => {
    const none = () => false;
    expect(addWorkingDays(local('2026-02-13T10:00'), 1, none)).toEqual(endOf('2026-02-16'));
    const christmas = (d: string) => d === '2026-12-25';
    expect(addWorkingDays(local('2026-12-24T10:00'), 1, christmas)).toEqual(endOf('2026-12-28'));
  });

  it('refuses a negative or fractional count and an invalid start', () => {
    expect(() => addWorkingDays(local('2026-11-27T10:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(local('2026-11-27T10:00'), 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date('nonsense'), 1)).toThrow(/not a valid date/);
  });

  it('throws past the end of the holiday calendar instead of ignoring Tết', () => {
    expect(() => addWorkingDays(local('2027-12-30T10:00'), 2)).toThrow(
      /No public-holiday calendar covers 2028/,
    );
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after the start day up to and including the end day', () => {
    expect(workingDaysBetween(local('2026-11-27T10:00'), local('2026-11-27T16:00'))).toBe(0);
    expect(workingDaysBetween(local('2026-11-27T10:00'), local('2026-11-30T09:00'))).toBe(1);
    expect(workingDaysBetween(local('2026-02-13T10:00'), local('2026-02-24T15:00'))).toBe(2);
    expect(workingDaysBetween(local('2026-02-24T15:00'), local('2026-02-13T10:00'))).toBe(-2);
  });

  it('agrees with addWorkingDays: decided by the deadline exactly when within n working days', () => {
    const starts = ['2026-02-12T09:00', '2026-04-24T23:45', '2026-08-20T00:10', '2026-11-28T12:00'];
    for (const start of starts) {
      for (let n = 1; n <= 5; n += 1) {
        const deadline = addWorkingDays(local(start), n);
        expect(workingDaysBetween(local(start), deadline)).toBe(n);
        const dayAfter = addWorkingDays(new Date(deadline.getTime() + 1), 0);
        expect(workingDaysBetween(local(start), dayAfter)).toBe(n + 1);
      }
    }
  });
});
