import { canonicalJson } from './audit-hash';
import { AuditDataError, normaliseAuditData } from './audit-data';

/** What Postgres hands back for a jsonb written as JSON.stringify(value): a JSON round trip. */
const stored = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('normaliseAuditData', () => {
  it('turns Dates into the ISO strings jsonb stores, at any depth', () => {
    const at = new Date('2026-03-01T02:03:04.567Z');
    const data = normaliseAuditData({ policy: { setAt: at }, list: [at] });
    expect(data).toEqual({
      policy: { setAt: '2026-03-01T02:03:04.567Z' },
      list: ['2026-03-01T02:03:04.567Z'],
    });
  });

  it('hashes the same before storing and after reading back (the straight-through approval case)', () => {
    const raw = {
      policy: {
        provinceCode: '01',
        setBy: null,
        setAt: new Date('2026-01-02T03:04:05.006Z'),
        note: undefined,
      },
      amounts: [1, -0, 2.5, 10n ** 20n],
      photo: Buffer.from([0xde, 0xad]),
      bytes: new Uint8Array([1, 2, 255]),
      odd: 'x\ud800y',
    };
    const data = normaliseAuditData(raw);
    expect(canonicalJson(stored(data))).toBe(canonicalJson(data));
    // Before: canonicalJson of the raw value saw the Date as {} while Postgres stored a string.
    expect(canonicalJson(stored(raw.policy))).not.toBe(canonicalJson(raw.policy));
    expect(data).toEqual({
      policy: { provinceCode: '01', setBy: null, setAt: '2026-01-02T03:04:05.006Z' },
      amounts: [1, 0, 2.5, '100000000000000000000'],
      photo: 'dead',
      bytes: '0102ff',
      odd: 'x\uFFFDy',
    });
    expect(Object.is((data.amounts as number[])[1], 0)).toBe(true);
  });

  it('drops undefined properties and writes undefined array items as null, as JSON does', () => {
    expect(normaliseAuditData({ a: undefined, b: [undefined, 1] })).toEqual({ b: [null, 1] });
    expect(normaliseAuditData(undefined)).toEqual({});
  });

  it('uses toJSON() of objects that have one', () => {
    const money = { toJSON: () => ({ amount: '12.50', currency: 'VND' }) };
    expect(normaliseAuditData({ money })).toEqual({ money: { amount: '12.50', currency: 'VND' } });
  });

  it.each([
    ['NaN', { n: NaN }, '$.n'],
    ['Infinity', { list: [1, Infinity] }, '$.list[1]'],
    ['an invalid Date', { at: new Date('nope') }, '$.at'],
    ['a function', { f: () => 1 }, '$.f'],
    ['a symbol', { s: Symbol('x') }, '$.s'],
    ['a Map', { m: new Map([[1, 2]]) }, '$.m'],
    [
      'a class instance',
      {
        c: new (class Thing {
          x = 1;
        })(),
      },
      '$.c',
    ],
    ['the NUL character', { t: 'a\u0000b' }, '$.t'],
    ['a NUL in a key', { 'a\u0000': 1 }, '$.a\u0000'],
  ])('refuses %s, naming where it is', (_what, data, path) => {
    const refused = (() => {
      try {
        normaliseAuditData(data);
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(AuditDataError);
    expect((refused as AuditDataError).path).toBe(path);
  });

  it('refuses cycles but accepts the same object twice side by side', () => {
    const shared = { x: 1 };
    expect(normaliseAuditData({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => normaliseAuditData(loop)).toThrow(/cycle/);
  });

  it('refuses a top level that is not an object', () => {
    expect(() => normaliseAuditData([1] as unknown as Record<string, unknown>)).toThrow(/must be an object/);
  });
});
