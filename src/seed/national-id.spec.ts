import { PROVINCES } from '../records/provinces.data';
import { NationalIdAllocator, nationalIdPrefix, parseNationalId } from './national-id';
import { Random } from './random';

describe('citizen ID numbers', () => {
  it.each([
    ['M', 1985, 0],
    ['F', 1985, 1],
    ['M', 2004, 2],
    ['F', 2004, 3],
    ['M', 1900, 0],
    ['F', 1999, 1],
    ['M', 2000, 2],
  ] as const)('digit 4 for a %s born %i is %i', (sex, year, digit) => {
    expect(nationalIdPrefix('001', sex, year)[3]).toBe(String(digit));
  });

  it('refuses birth years before 1900 and malformed province codes', () => {
    expect(() => nationalIdPrefix('001', 'M', 1899)).toThrow(/1900–2399/);
    expect(() => nationalIdPrefix('1', 'M', 1990)).toThrow(/3 digits/);
  });

  it('puts legacy province, century/sex and birth year in the first six digits', () => {
    expect(nationalIdPrefix('079', 'F', 2003)).toBe('079303');
    expect(nationalIdPrefix('001', 'M', 1968)).toBe('001068');
  });

  it('hands out unique IDs whose digits agree with every holder, for every legacy code', () => {
    const allocator = new NationalIdAllocator(new Random('ids'));
    const random = new Random('holders');
    const legacyCodes = PROVINCES.flatMap((p) => p.legacyCodes);
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const code = legacyCodes[i % legacyCodes.length];
      const sex = random.chance(0.5) ? 'M' : 'F';
      const year = random.int(1946, 2008);
      const id = allocator.next(code, sex, year);
      expect(id).toMatch(/^\d{12}$/);
      expect(parseNationalId(id)).toEqual({
        legacyProvinceCode: code,
        sex,
        birthYear: year,
        serial: id.slice(6),
      });
      seen.add(id);
    }
    expect(seen.size).toBe(20_000);
  });

  it('never repeats within one prefix and skips reserved IDs', () => {
    const first = new NationalIdAllocator(new Random('same')).next('001', 'M', 1985);
    const allocator = new NationalIdAllocator(new Random('same'), new Set([first]));
    const ids = Array.from({ length: 5_000 }, () => allocator.next('001', 'M', 1985));
    expect(new Set(ids).size).toBe(5_000);
    expect(ids).not.toContain(first);
    expect(ids.every((id) => id.startsWith('001085'))).toBe(true);
  });

  it('reads nothing from a malformed ID', () => {
    expect(parseNationalId('00108501234')).toBeNull();
    expect(parseNationalId('0010850123x5')).toBeNull();
  });
});
