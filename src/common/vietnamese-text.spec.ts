import {
  centurySexDigit,
  citizenIdConsistency,
  namesIdentical,
  namesMatch,
  normalizeName,
} from './vietnamese-text';

describe('normalizeName', () => {
  it.each([
    ['NGUYỄN  văn   An', 'nguyen van an'],
    ['  Trần Thị Hồng  ', 'tran thi hong'],
    ['Đặng Đức Định', 'dang duc dinh'],
    ['Phạm Ngọc Ánh', 'pham ngoc anh'],
    ['Võ\tThị\nHuệ', 'vo thi hue'],
    ['Ðỗ Văn Ước', 'do van uoc'], // Ð (eth) as found in legacy data
    ['Nguyen Van An', 'nguyen van an'],
  ])('%j → %j', (name, expected) => {
    expect(normalizeName(name)).toBe(expected);
  });

  it('treats precomposed and decomposed Unicode alike', () => {
    const precomposed = 'Nguyễn'.normalize('NFC');
    const decomposed = 'Nguyễn'.normalize('NFD');
    expect(precomposed).not.toBe(decomposed);
    expect(normalizeName(precomposed)).toBe(normalizeName(decomposed));
  });
});

describe('namesMatch / namesIdentical', () => {
  it('matches names whatever the case, spacing and diacritics', () => {
    expect(namesMatch('NGUYỄN  văn   An', 'Nguyen Van An')).toBe(true);
    expect(namesMatch('Lê Thị Lan', 'Le Thi Lan Anh')).toBe(false);
    expect(namesMatch('Trần Văn Bình', 'Trần Văn Binh')).toBe(true);
  });

  it('calls names identical only with the same diacritics', () => {
    expect(namesIdentical('NGUYỄN VĂN AN', 'Nguyễn  Văn An')).toBe(true);
    expect(namesIdentical('Nguyễn Văn An'.normalize('NFD'), 'Nguyễn Văn An')).toBe(true);
    expect(namesIdentical('Nguyen Van An', 'Nguyễn Văn An')).toBe(false);
  });
});

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
