import { centurySexDigit, citizenIdConsistency, nationalIdPrefix, parseNationalId } from './citizen-id';

describe('citizenIdConsistency', () => {
  it.each([
    [1990, 'M', 0],
    [1990, 'F', 1],
    [2005, 'M', 2],
    [2005, 'F', 3],
    [2100, 'F', 5],
  ] as const)('born %i, %s → century/sex digit %i', (year, sex, digit) => {
    expect(centurySexDigit(year, sex)).toBe(digit);
  });

  it('finds nothing wrong with a consistent ID', () => {
    expect(citizenIdConsistency('001090012345', '1990-05-14', 'M')).toEqual([]);
    expect(citizenIdConsistency('079305001234', '2005-01-02', 'F')).toEqual([]);
  });

  it('notices a century/sex digit that disagrees with the sex', () => {
    const found = citizenIdConsistency('001190012345', '1990-05-14', 'M');
    expect(found.map((d) => d.check)).toEqual(['CENTURY_SEX_DIGIT']);
    expect(found[0].message).toMatch(/Digit 4 is 1 \(female born 1900–1999\)/);
  });

  it('notices a century/sex digit that disagrees with the birth century', () => {
    expect(citizenIdConsistency('001005012345', '2005-03-01', 'M').map((d) => d.check)).toEqual([
      'CENTURY_SEX_DIGIT',
    ]);
  });

  it('notices birth-year digits that disagree', () => {
    const found = citizenIdConsistency('001091012345', '1990-05-14', 'M');
    expect(found).toEqual([{ check: 'BIRTH_YEAR', message: expect.stringMatching(/Digits 5–6 are 91/) }]);
  });

  it('reports both at once, or a malformed number', () => {
    expect(citizenIdConsistency('001388012345', '1990-05-14', 'M')).toHaveLength(2);
    expect(citizenIdConsistency('00109001234', '1990-05-14', 'M').map((d) => d.check)).toEqual(['FORMAT']);
  });
});

describe('nationalIdPrefix and parseNationalId', () => {
  it('builds the first six digits and reads them back', () => {
    expect(nationalIdPrefix('079', 'F', 2003)).toBe('079303');
    expect(parseNationalId('079303123456')).toEqual({
      legacyProvinceCode: '079',
      sex: 'F',
      birthYear: 2003,
      serial: '123456',
    });
  });

  it('refuses years outside the encoded centuries and malformed numbers', () => {
    expect(() => nationalIdPrefix('001', 'M', 1899)).toThrow(/1900–2399/);
    expect(parseNationalId('00108501234')).toBeNull();
    expect(parseNationalId('00108501234a')).toBeNull();
  });
});
