import fc from 'fast-check';

/**
 * Values people send by mistake or on purpose, each of which once made the service answer 500 or
 * could: control characters, NUL, week dates, 32- and 36-hex-digit "uuids", forged cursors, huge and
 * empty strings, numbers where text belongs, text that only looks like a number.
 */
export const HEX36 = '0123456789abcdef0123456789abcdef0123';
export const HEX32 = '0123456789abcdef0123456789abcdef';

export const forgedCursor = fc
  .record({
    createdAt: fc.constantFrom('2026-W10-1', 'x', '2026-01-01T00:00:00Z', ''),
    id: fc.constantFrom(HEX36, HEX32, '99999999999999999999', '-1', '3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f'),
    due: fc.constantFrom('infinity', '2026-W10-1', 'tomorrow'),
    x: fc.constantFrom('99999999999999999999999', '-1', 'abc', '18446744073709551616'),
    u: fc.constantFrom('admin\u0000', 'a'.repeat(300), ''),
  })
  .map((value) => Buffer.from(JSON.stringify(value)).toString('base64url'));

const controlText = fc
  .tuple(fc.string({ maxLength: 20 }), fc.integer({ min: 0, max: 0x1f }), fc.string({ maxLength: 20 }))
  .map(([a, code, b]) => `${a}${String.fromCharCode(code)}${b}`);

export const WEEK_DATES = ['2026-W10-1', '2026-W10', '2026-065', '2026-W10-1T08:00:00Z', '+002026-03-01'];

/** Strings a hostile caller would try; `personal` adds the seeded people's data, so leaks are seen. */
export function hostileString(personal: string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\r\n',
      '/\r\nSet-Cookie: x=y',
      HEX36,
      HEX32,
      `{${HEX32}}`,
      ...WEEK_DATES,
      '9223372036854775808',
      '99999999999999999999',
      '-1',
      '1e309',
      'NaN',
      '__proto__',
      'constructor',
      "'; DROP TABLE applications; --",
      '\ud800',
      '\uffff',
      '%',
      '%E0%A4%A',
      '../../etc/passwd',
      'true',
      'null',
      '2026-02-30',
      '0000-01-01',
      '9999-12-31T23:59:59Z',
      '2026-03-01T08:00:00',
      'x'.repeat(10_000),
    ),
    ...(personal.length ? [fc.constantFrom(...personal)] : []),
    forgedCursor,
    controlText,
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
}

/** Any JSON value at all, including shapes no DTO expects. */
export function hostileJson(personal: string[] = []): fc.Arbitrary<unknown> {
  return fc.oneof(
    { depthSize: 'small' },
    hostileString(personal),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(2 ** 53 + 1, -0, 1e308, Number.MAX_SAFE_INTEGER),
    fc.array(hostileString(personal), { maxLength: 4 }),
    fc.dictionary(hostileString(), hostileString(personal), { maxKeys: 4 }),
  );
}

/** Raw bodies that are not JSON, or are JSON too deep to be reasonable. */
export const rawBodies: fc.Arbitrary<Buffer> = fc.oneof(
  fc
    .constantFrom(
      '{"a": ',
      '{',
      '',
      'null',
      '[]',
      '{"__proto__": {"x": 1}}',
      '{"constructor": {"prototype": {"x": 1}}}',
      '['.repeat(30_000) + ']'.repeat(30_000),
      '{"a":'.repeat(6_000) + '1' + '}'.repeat(6_000),
      '{"a": "\\ud800"}',
      '{"a": 1, "a": 2}',
    )
    .map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d])), // {"a":"<bad UTF-8>"}
);

/** Things that look like ids but are not what Postgres takes as uuid (or are, but name nothing). */
export const idLike = (realIds: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(HEX36, HEX32, `{${HEX32}}`, HEX36.toUpperCase()) },
    fc.constantFrom('0', '', 'null', '3F2B8C1E-9D4A-4C6B-8E2F-1A2B3C4D5E6F'),
    fc.uuid(),
    ...(realIds.length ? [fc.constantFrom(...realIds)] : []),
    fc.constantFrom(...realIds.map((id) => id.replace(/-/g, '')), ...realIds.map((id) => `${id}0`)),
  );

/** Things that look like dates but are not calendar dates or zoned date-times. */
export const dateLike: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    ...WEEK_DATES,
    '2026-02-30',
    '2026-13-01',
    '0000-01-01',
    '99999-01-01',
    '2026-03-01T25:00Z',
    '',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.integer().map(String),
);

/**
 * Values aimed at a field by its name and format: ids get id-likes, dates date-likes, cursors forged
 * cursors. Plain hostile strings alone would hit these rarely.
 */
export function aimedAt(
  name: string,
  format: string | undefined,
  realIds: string[],
): fc.Arbitrary<string> | undefined {
  if (/cursor/i.test(name)) return forgedCursor;
  if (format === 'uuid' || /(^id$|Id$)/.test(name)) return idLike(realIds);
  if (
    format === 'date' ||
    format === 'date-time' ||
    /(^from$|^to$|Since$|Before$|At$|On$|^date|dateOf)/.test(name)
  ) {
    return dateLike;
  }
  return undefined;
}
