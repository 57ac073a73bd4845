import {
  classOnExchange,
  exchangeOf,
  expiryOfExistingClass,
  expiryOnIssue,
  Holder,
} from './licence-validity';

const man: Holder = { dateOfBirth: '1985-03-20', sex: 'M' };
const woman: Holder = { dateOfBirth: '1985-03-20', sex: 'F' };

describe('expiryOnIssue (classes of the 2024 law)', () => {
  it.each([
    ['A1', null],
    ['A', null],
    ['B1', null],
    ['B', '2035-03-15'],
    ['C1', '2035-03-15'],
    ['C', '2030-03-15'],
    ['D1', '2030-03-15'],
    ['D2', '2030-03-15'],
    ['D', '2030-03-15'],
    ['BE', '2030-03-15'],
    ['C1E', '2030-03-15'],
    ['CE', '2030-03-15'],
    ['D1E', '2030-03-15'],
    ['D2E', '2030-03-15'],
    ['DE', '2030-03-15'],
  ])('class %s issued 2025-03-15 expires %s', (cls, expiry) => {
    expect(expiryOnIssue(cls, '2025-03-15', man)).toBe(expiry);
    expect(expiryOnIssue(cls, '2025-03-15', woman)).toBe(expiry);
  });

  it('ends a period begun on 29 February on 28 February', () => {
    expect(expiryOnIssue('B', '2028-02-29', man)).toBe('2038-02-28');
    expect(expiryOnIssue('CE', '2028-02-29', man)).toBe('2033-02-28');
    expect(expiryOnIssue('C1', '2027-02-28', man)).toBe('2037-02-28');
  });

  it('refuses a class the 2024 law does not have', () => {
    expect(() => expiryOnIssue('B2', '2025-03-15', man)).toThrow(
      /Class B2 is not a class of the Road Traffic Order/,
    );
    expect(() => expiryOnIssue('X', '2026-01-01', man)).toThrow(RangeError);
  });
});

describe('expiryOfExistingClass (classes of the 2008 law, issued before 2025)', () => {
  it.each([
    ['A1', null],
    ['A2', null],
    ['A3', null],
    ['A4', '2030-06-10'],
    ['B2', '2030-06-10'],
    ['C', '2025-06-10'],
    ['D', '2025-06-10'],
    ['E', '2025-06-10'],
    ['FB2', '2025-06-10'],
    ['FC', '2025-06-10'],
    ['FD', '2025-06-10'],
    ['FE', '2025-06-10'],
  ])('class %s issued 2020-06-10 expires %s', (cls, expiry) => {
    expect(expiryOfExistingClass(cls, '2020-06-10', man)).toBe(expiry);
  });

  it.each([
    ['a woman: her 55th birthday', woman, '2040-03-20'],
    ['a man: his 60th birthday', man, '2045-03-20'],
    ['a woman of 48: 10 years from issue', { dateOfBirth: '1972-01-01', sex: 'F' }, '2030-06-10'],
    ['a man of 48: his 60th birthday', { dateOfBirth: '1972-01-01', sex: 'M' }, '2032-01-01'],
    [
      'a man of 50 years and 364 days: his 60th birthday',
      { dateOfBirth: '1969-06-11', sex: 'M' },
      '2029-06-11',
    ],
    ['a man of 51: 10 years from issue', { dateOfBirth: '1969-06-10', sex: 'M' }, '2030-06-10'],
  ] as const)('old B1 issued 2020-06-10 to %s', (_who, holder, expiry) => {
    expect(expiryOfExistingClass('B1', '2020-06-10', holder)).toBe(expiry);
  });

  it('ends an old B1 of a woman born 29 February on 28 February of her 55th year', () => {
    expect(expiryOfExistingClass('B1', '2010-01-05', { dateOfBirth: '1968-02-29', sex: 'F' })).toBe(
      '2023-02-28',
    );
  });

  it('ends a 10-year class issued on 29 February on 28 February', () => {
    expect(expiryOfExistingClass('B2', '2016-02-29', man)).toBe('2026-02-28');
  });

  it('reads a class issued from 2025 under the 2024 law', () => {
    expect(expiryOfExistingClass('B1', '2025-02-01', man)).toBeNull();
    expect(expiryOfExistingClass('D', '2025-02-01', man)).toBe('2030-02-01');
    expect(() => expiryOfExistingClass('B', '2020-01-01', man)).toThrow(
      /Class B is not a class of the Road Traffic Law 2008/,
    );
  });
});

describe('classOnExchange', () => {
  it.each([
    ['A1', 'A'],
    ['A2', 'A'],
    ['A3', 'B1'],
    ['B1', 'B'],
    ['B2', 'B'],
    ['C', 'C'],
    ['D', 'D2'],
    ['E', 'D'],
    ['FB2', 'BE'],
    ['FC', 'CE'],
    ['FD', 'D2E'],
    ['FE', 'DE'],
  ])('old %s becomes %s on a card issued in 2026', (cls, to) => {
    expect(classOnExchange(cls, '2026-03-01', '2018-05-05')).toBe(to);
  });

  it.each(['A1', 'A', 'B1', 'B', 'C1', 'C', 'D1', 'D2', 'D', 'BE', 'C1E', 'CE', 'D1E', 'D2E', 'DE'])(
    'new %s stays itself',
    (cls) => {
      expect(classOnExchange(cls, '2026-03-01', '2025-02-02')).toBe(cls);
    },
  );

  it('carries the restriction of an old A1', () => {
    expect(exchangeOf('A1', '2026-03-01', '2010-01-01')).toEqual({
      to: 'A',
      restriction: expect.stringMatching(/under 175 cm³/),
    });
  });

  it('has no licence class for old A4 and says what it becomes', () => {
    expect(exchangeOf('A4', '2026-03-01', '2015-01-01')).toEqual({
      to: null,
      instead: expect.stringMatching(/certificate/),
    });
    expect(() => classOnExchange('A4', '2026-03-01', '2015-01-01')).toThrow(
      /specialised-machinery certificate/,
    );
  });

  it('maps a code only one law uses without the issue date', () => {
    expect(classOnExchange('B2', '2026-03-01')).toBe('B');
    expect(classOnExchange('E', '2026-03-01')).toBe('D');
    expect(classOnExchange('BE', '2026-03-01')).toBe('BE');
    expect(classOnExchange('C', '2026-03-01')).toBe('C');
  });

  it.each(['A1', 'B1', 'D'])('refuses to guess which law %s belongs to without the issue date', (cls) => {
    expect(() => classOnExchange(cls, '2026-03-01')).toThrow(/pass the date it was issued/);
  });

  it('exchanges nothing before the 2024 law was in force', () => {
    expect(classOnExchange('B2', '2024-06-01', '2014-06-01')).toBe('B2');
    expect(classOnExchange('D', '2024-06-01')).toBe('D');
  });

  it('refuses an unknown class', () => {
    expect(() => classOnExchange('Z', '2026-03-01')).toThrow(/not a licence class/);
    expect(() => classOnExchange('Z', '2026-03-01', '2020-01-01')).toThrow(
      /not a class of the Road Traffic Law/,
    );
  });
});
