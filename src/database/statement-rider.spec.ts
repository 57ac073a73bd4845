import { riderAlone, ridersTogether, StatementRider } from './statement-rider';

const rider = (name: string, count: number, params: unknown[]): StatementRider => ({
  ctes: (first) =>
    `${name} AS (SELECT ${Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ')})`,
  params,
});

describe('ridersTogether', () => {
  const a = rider('a', 2, [1, 2]);
  const b = rider('b', 3, ['x', 'y', 'z']);

  it("numbers the second rider's parameters after the first's", () => {
    const both = ridersTogether(a, b)!;
    expect(both.ctes(25)).toBe('a AS (SELECT $25, $26), b AS (SELECT $27, $28, $29)');
    expect(both.params).toEqual([1, 2, 'x', 'y', 'z']);
    expect(riderAlone(both)).toEqual([
      'WITH a AS (SELECT $1, $2), b AS (SELECT $3, $4, $5) SELECT 1',
      both.params,
    ]);
  });

  it('gives one text function per combination, however often it is asked (carriers cache by it)', () => {
    const again = ridersTogether({ ...a, params: [3, 4] }, { ...b, params: [1, 2, 3] })!;
    expect(again.ctes).toBe(ridersTogether(a, b)!.ctes);
    expect(ridersTogether(b, a)!.ctes).not.toBe(again.ctes);
  });

  it('is the one rider there is when the other is missing', () => {
    expect(ridersTogether(a, null)).toBe(a);
    expect(ridersTogether(null, b)).toBe(b);
    expect(ridersTogether(null, null)).toBeNull();
  });
});
