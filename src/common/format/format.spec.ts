import { formatDate, formatDateTime, formatMoney, formatParams, isTimestamp, listInWords } from './format';

describe('formatting for people', () => {
  it('writes amounts as each language does', () => {
    expect(formatMoney(170000, 'vi')).toBe('170.000 ₫');
    expect(formatMoney(170000, 'en')).toBe('170,000 VND');
    expect(formatMoney(1234567, 'vi')).toBe('1.234.567 ₫');
    expect(formatMoney(0, 'en')).toBe('0 VND');
    expect(formatMoney(950, 'vi')).toBe('950 ₫');
  });

  it('writes dates as dd/MM/yyyy: calendar dates as they are, instants on Vietnam clocks', () => {
    expect(formatDate('2026-12-08')).toBe('08/12/2026');
    expect(formatDate('2026-12-08T08:50:01.041Z')).toBe('08/12/2026');
    // 20:00 UTC is already the next day in Vietnam (UTC+7).
    expect(formatDate('2026-05-01T20:00:00Z')).toBe('02/05/2026');
    expect(formatDate(new Date('2026-01-31T17:00:00Z'))).toBe('01/02/2026');
    expect(formatDate(null)).toBe('');
  });

  it('writes times in Vietnam time, 24-hour', () => {
    expect(formatDateTime('2026-12-08T08:50:01.041Z')).toBe('08/12/2026 15:50');
    expect(formatDateTime(new Date('2026-12-31T17:05:00Z'))).toBe('01/01/2027 00:05');
    expect(formatDateTime(undefined)).toBe('');
  });

  it('formats stored parameters by what they hold', () => {
    expect(
      formatParams(
        {
          reference: '01-2026-0000001',
          amount: 170000,
          dueBy: '2026-12-08T08:50:01.041Z',
          on: '2026-05-01',
          classes: ['A1', 'B'],
          points: 12,
        },
        'vi',
      ),
    ).toEqual({
      reference: '01-2026-0000001',
      amount: '170.000 ₫',
      dueBy: '08/12/2026 15:50',
      on: '01/05/2026',
      classes: 'A1 và B',
      points: '12',
    });
    expect(formatParams({ total: 1600000 }, 'en')).toEqual({ total: '1,600,000 VND' });
  });

  it('joins lists in words', () => {
    expect(listInWords(['B'], 'en')).toBe('B');
    expect(listInWords(['A1', 'B', 'C'], 'en')).toBe('A1, B and C');
    expect(listInWords(['A1', 'B'], 'vi')).toBe('A1 và B');
  });

  it('recognises ISO timestamps only', () => {
    expect(isTimestamp('2026-12-08T08:50:01.041Z')).toBe(true);
    expect(isTimestamp('2026-12-08')).toBe(false);
    expect(isTimestamp('EB123456785VN')).toBe(false);
  });
});
