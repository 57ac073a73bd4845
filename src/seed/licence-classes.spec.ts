import { dayOf, isoDay, parseIsoDay } from './dates';
import { classInfo, ClassEra, eraOf, expiryOf, Holder, NEW_CLASSES, OLD_CLASSES } from './licence-classes';

const man: Holder = { born: parseIsoDay('1980-06-15'), sex: 'M' };
const woman: Holder = { born: parseIsoDay('1980-06-15'), sex: 'F' };
const expiry = (name: string, era: ClassEra, issued: string, holder: Holder = man) => {
  const day = expiryOf(classInfo(name, era), parseIsoDay(issued), holder);
  return day === null ? null : isoDay(day);
};

describe('licence classes and their validity', () => {
  it('knows every class of both laws', () => {
    expect(NEW_CLASSES.map((c) => c.name)).toEqual([
      'A1',
      'A',
      'B1',
      'B',
      'C1',
      'C',
      'D1',
      'D2',
      'D',
      'BE',
      'C1E',
      'CE',
      'D1E',
      'D2E',
      'DE',
    ]);
    expect(OLD_CLASSES.map((c) => c.name)).toEqual([
      'A1',
      'A2',
      'A3',
      'A4',
      'B1',
      'B2',
      'C',
      'D',
      'E',
      'FB2',
      'FC',
      'FD',
      'FE',
    ]);
    expect(() => classInfo('A2', 'NEW')).toThrow(/unknown 2025 licence class A2/);
  });

  // prettier-ignore
  it.each([
    ['A1', null], ['A', null], ['B1', null],
    ['B', '2035-03-10'], ['C1', '2035-03-10'],
    ['C', '2030-03-10'], ['D1', '2030-03-10'], ['D2', '2030-03-10'], ['D', '2030-03-10'], ['BE', '2030-03-10'],
    ['C1E', '2030-03-10'], ['CE', '2030-03-10'], ['D1E', '2030-03-10'], ['D2E', '2030-03-10'], ['DE', '2030-03-10'],
  ])('2025 class %s issued 2025-03-10 expires %s', (name, expected) => {
    expect(expiry(name, 'NEW', '2025-03-10')).toBe(expected);
  });

  // prettier-ignore
  it.each([
    ['A1', null], ['A2', null], ['A3', null],
    ['A4', '2028-04-01'], ['B2', '2028-04-01'],
    ['C', '2023-04-01'], ['D', '2023-04-01'], ['E', '2023-04-01'],
    ['FB2', '2023-04-01'], ['FC', '2023-04-01'], ['FD', '2023-04-01'], ['FE', '2023-04-01'],
  ])('old class %s issued 2018-04-01 expires %s', (name, expected) => {
    expect(expiry(name, 'OLD', '2018-04-01')).toBe(expected);
  });

  it('old B1 runs until 55 for women and 60 for men', () => {
    expect(expiry('B1', 'OLD', '2010-01-01', woman)).toBe('2035-06-15');
    expect(expiry('B1', 'OLD', '2010-01-01', man)).toBe('2040-06-15');
  });

  it('old B1 issued to a woman over 45 or a man over 50 runs 10 years from issue', () => {
    // Born 1980-06-15: 46 on 2026-06-15 and 51 on 2031-06-15 (not yet issued then in practice).
    const olderWoman: Holder = { born: parseIsoDay('1970-06-15'), sex: 'F' };
    const olderMan: Holder = { born: parseIsoDay('1965-06-15'), sex: 'M' };
    expect(expiry('B1', 'OLD', '2016-06-14', olderWoman)).toBe('2025-06-15'); // 45 at issue: until 55
    expect(expiry('B1', 'OLD', '2016-06-15', olderWoman)).toBe('2026-06-15'); // 46: ten years
    expect(expiry('B1', 'OLD', '2016-06-14', olderMan)).toBe('2025-06-15'); // 50: until 60
    expect(expiry('B1', 'OLD', '2016-06-15', olderMan)).toBe('2026-06-15'); // 51: ten years
  });

  it('a class issued on 29 February expires on 28 February', () => {
    expect(expiry('B', 'NEW', '2028-02-29')).toBe('2038-02-28');
    expect(expiry('C', 'NEW', '2028-02-29')).toBe('2033-02-28');
  });

  it('classes issued before 2025 are of the old law', () => {
    expect(eraOf(dayOf(2024, 12, 31))).toBe('OLD');
    expect(eraOf(dayOf(2025, 1, 1))).toBe('NEW');
  });

  it('needs a health certificate for every class except A1, A, B1 and the old A1, A2, A3', () => {
    const exempt = [...NEW_CLASSES, ...OLD_CLASSES]
      .filter((c) => !c.needsCertificate)
      .map((c) => `${c.era} ${c.name}`);
    expect(exempt.sort()).toEqual(['NEW A', 'NEW A1', 'NEW B1', 'OLD A1', 'OLD A2', 'OLD A3']);
    expect(classInfo('C1', 'NEW').healthGroup).toBe(3);
    expect(classInfo('B', 'NEW').healthGroup).toBe(2);
    expect(classInfo('B1', 'NEW').healthGroup).toBe(1);
  });
});
