import { formatDate, formatVnd, safeLocalPath } from './formatting';

describe('formatting for the pages', () => {
  it('redirects only to paths on this site', () => {
    expect(safeLocalPath('/applications/1?x=2')).toBe('/applications/1?x=2');
    for (const bad of [
      '//evil.example',
      'https://evil.example',
      '/\\evil',
      'javascript:alert(1)',
      42,
      undefined,
    ]) {
      expect(safeLocalPath(bad, '/home')).toBe('/home');
    }
  });

  it('writes money and dates as each language does, in Vietnam time', () => {
    expect(formatVnd(150000, 'vi')).toBe('150.000 VND');
    expect(formatVnd(150000, 'en')).toBe('150,000 VND');
    expect(formatDate('2026-05-01', 'en')).toBe('1 May 2026');
    expect(formatDate('2026-05-01T20:00:00Z', 'en')).toBe('2 May 2026');
    expect(formatDate(null, 'vi')).toBe('');
  });
});
