import { formatDate, formatVnd } from './formatting';

describe('formatting for the pages', () => {
  it('writes money and dates as each language does, in Vietnam time', () => {
    expect(formatVnd(150000, 'vi')).toBe('150.000 VND');
    expect(formatVnd(150000, 'en')).toBe('150,000 VND');
    expect(formatDate('2026-05-01', 'en')).toBe('1 May 2026');
    expect(formatDate('2026-05-01T20:00:00Z', 'en')).toBe('2 May 2026');
    expect(formatDate(null, 'vi')).toBe('');
  });
});
