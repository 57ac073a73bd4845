import { trustedProxiesProblem, trustProxySetting } from './trusted-proxies';

describe('TRUSTED_PROXIES', () => {
  it('trusts nobody when empty or 0', () => {
    expect(trustProxySetting('')).toBe(false);
    expect(trustProxySetting(' 0 ')).toBe(false);
  });

  it('reads a hop count, or a list of addresses, ranges and range names', () => {
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('10.0.0.0/8, 192.168.1.7 ,::1,loopback')).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      '::1',
      'loopback',
    ]);
    expect(trustedProxiesProblem('10.0.0.0/8,fd00::/8,uniquelocal,3')).toMatch(/"3"/);
    expect(trustedProxiesProblem('10.0.0.0/8,fd00::/8,uniquelocal')).toBeNull();
  });

  it.each([
    ['true', /not an IP address/],
    ['*', /not an IP address/],
    ['10.0.0.0/33', /prefix length/],
    ['10.0.0.0/8/1', /not an IP address/],
    ['11', /hop count/],
    ['evil.example', /not an IP address/],
  ])('refuses %s', (value, message) => {
    expect(trustedProxiesProblem(value)).toMatch(message);
  });
});
