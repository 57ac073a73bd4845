import {
  hasControlCharacter,
  isBigintId,
  isCalendarDate,
  isDateOrDateTime,
  isDateTime,
  isStrictUuid,
} from './strict-formats';

describe('the formats accepted at the edge', () => {
  it('takes only 8-4-4-4-12 UUIDs (Postgres refuses 36 hex digits without dashes)', () => {
    expect(isStrictUuid('3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f')).toBe(true);
    expect(isStrictUuid('3F2B8C1E-9D4A-4C6B-8E2F-1A2B3C4D5E6F')).toBe(true);
    for (const bad of [
      '0123456789abcdef0123456789abcdef0123',
      '0123456789abcdef0123456789abcdef',
      '{3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f}',
      '3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6g',
      '',
      42,
    ]) {
      expect(isStrictUuid(bad)).toBe(false);
    }
  });

  it('takes real calendar dates and zoned date-times, never week or ordinal dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('0000-01-01')).toBe(false);
    expect(isDateTime('2026-03-01T08:00:00Z')).toBe(true);
    expect(isDateTime('2026-03-01T08:00+07:00')).toBe(true);
    expect(isDateTime('2026-03-01T08:00:00.123456Z')).toBe(true);
    expect(isDateTime('2026-03-01T08:00:00')).toBe(false); // no zone: ambiguous
    expect(isDateTime('2026-02-30T08:00:00Z')).toBe(false);
    expect(isDateTime('2026-03-01T24:00:00Z')).toBe(false);
    for (const bad of ['2026-W10-1', '2026-W10', '2026-065', '20260301', '2026-03', '2026-W10-1T08:00Z']) {
      expect(isDateOrDateTime(bad)).toBe(false);
    }
  });

  it('takes bigint ids up to 2^63-1 only', () => {
    expect(isBigintId('9223372036854775807')).toBe(true);
    expect(isBigintId('9223372036854775808')).toBe(false);
    expect(isBigintId('99999999999999999999')).toBe(false);
    expect(isBigintId('-1')).toBe(false);
    expect(isBigintId('01')).toBe(false);
  });

  it('finds control characters, letting line breaks through only where multi-line text is allowed', () => {
    expect(hasControlCharacter('12 Phố Huế\u0000', true)).toBe(true);
    expect(hasControlCharacter('a\u007fb', true)).toBe(true);
    expect(hasControlCharacter('line 1\r\nline 2\ttab', true)).toBe(false);
    expect(hasControlCharacter('line 1\nline 2', false)).toBe(true);
    expect(hasControlCharacter('Nguyễn Văn An', false)).toBe(false);
  });
});
