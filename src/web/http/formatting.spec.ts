import { safeLocalPath } from './formatting';

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
});
