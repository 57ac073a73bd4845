import { isValidTrackingNumber, makeTrackingNumber, s10CheckDigit } from './s10';

describe('S10 check digit', () => {
  it.each([
    ['12345678', 5],
    ['22347907', 2],
    ['41034224', 9],
    ['00000000', 5],
  ])('serial %s → %i', (serial, digit) => {
    expect(s10CheckDigit(serial)).toBe(digit);
  });

  it('maps c = 10 to 0 (weighted sum ≡ 1 mod 11)', () => {
    // 00000008: 7 × 8 = 56 = 5 × 11 + 1, so c = 11 − 1 = 10 → 0.
    expect(s10CheckDigit('00000008')).toBe(0);
  });

  it.each(['1234567', '123456789', '1234567a', ''])('refuses the serial "%s"', (serial) => {
    expect(() => s10CheckDigit(serial)).toThrow(RangeError);
  });
});

describe('makeTrackingNumber', () => {
  it('builds indicator + 8-digit serial + check digit + country', () => {
    expect(makeTrackingNumber('EB', 12345678)).toBe('EB123456785VN');
    expect(makeTrackingNumber('RR', 22347907, 'GB')).toBe('RR223479072GB');
    expect(makeTrackingNumber('EB', 0)).toBe('EB000000005VN');
    expect(makeTrackingNumber('EB', 42)).toMatch(/^EB00000042\dVN$/);
  });

  it('makes numbers the validator accepts', () => {
    for (const serial of [1, 999, 41034224, 99_999_999]) {
      expect(isValidTrackingNumber(makeTrackingNumber('CP', serial))).toBe(true);
    }
  });

  it.each([
    ['JB', 1, 'VN', /service indicator/],
    ['SB', 1, 'VN', /service indicator/],
    ['eb', 1, 'VN', /service indicator/],
    ['E', 1, 'VN', /service indicator/],
    ['EB', -1, 'VN', /serial/],
    ['EB', 100_000_000, 'VN', /serial/],
    ['EB', 1.5, 'VN', /serial/],
    ['EB', 1, 'vn', /country/],
  ])('refuses indicator %s, serial %d, country %s', (indicator, serial, country, message) => {
    expect(() => makeTrackingNumber(indicator, serial, country)).toThrow(message);
  });
});

describe('isValidTrackingNumber', () => {
  it.each([
    ['EB123456785VN', true, 'the DOMAIN.md example'],
    ['RR223479072GB', true, 'another country'],
    ['CP410342249VN', true, 'check digit 9'],
    ['EB123456784VN', false, 'wrong check digit'],
    ['EB12345678VN', false, 'serial too short'],
    ['EB1234567855VN', false, 'too long'],
    ['eb123456785vn', false, 'lowercase'],
    ['JB123456785VN', false, 'reserved first letter J'],
    ['KB123456785VN', false, 'reserved first letter K'],
    ['SB123456785VN', false, 'reserved first letter S'],
    ['TB123456785VN', false, 'reserved first letter T'],
    ['WB123456785VN', false, 'reserved first letter W'],
    ['E1123456785VN', false, 'digit in the indicator'],
    [' EB123456785VN', false, 'leading space'],
    ['EB123456785V1', false, 'digit in the country'],
  ])('%s → %s (%s)', (value, expected) => {
    expect(isValidTrackingNumber(value)).toBe(expected);
  });
});
