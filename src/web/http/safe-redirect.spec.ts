import { safeRedirectTarget } from './safe-redirect';

describe('safeRedirectTarget', () => {
  it('keeps paths on this site, with their query', () => {
    expect(safeRedirectTarget('/applications/1?x=2')).toBe('/applications/1?x=2');
    expect(safeRedirectTarget('/staff/cases?status=PENDING_REVIEW&q=Nguy%E1%BB%85n')).toBe(
      '/staff/cases?status=PENDING_REVIEW&q=Nguy%E1%BB%85n',
    );
    expect(safeRedirectTarget('/')).toBe('/');
  });

  it.each([
    ['another origin', '//evil.example'],
    ['an absolute URL', 'https://evil.example'],
    ['a backslash after the slash', '/\\evil.example'],
    ['a backslash anywhere', '/a\\b'],
    ['a raw tab', '/\t/evil.example'],
    ['a raw line feed', '/\n/evil.example'],
    ['a raw carriage return', '/\r/evil.example'],
    ['a percent-encoded tab', '/%09/evil.example'],
    ['a percent-encoded line feed', '/%0a/evil.example'],
    ['a percent-encoded slash pair', '/%2F/evil.example'],
    ['a percent-encoded backslash', '/%5Cevil.example'],
    ['a doubly encoded tab', '/%2509/evil.example'],
    ['a malformed escape', '/%E0%A4%A'],
    ['a scheme', 'javascript:alert(1)'],
    ['a relative path', 'applications'],
    ['the empty string', ''],
    ['something long', `/${'a'.repeat(500)}`],
    ['a number', 42],
    ['nothing', undefined],
  ])('falls back for %s', (_, next) => {
    expect(safeRedirectTarget(next, '/home')).toBe('/home');
  });
});
