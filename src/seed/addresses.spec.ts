import { PROVINCES } from '../records/provinces.data';
import { PROVINCE_PROFILES, provincePicker, randomAddress, randomProvinceCode } from './addresses';
import { Random } from './random';

describe('addresses', () => {
  it('has a population and communes for each of the 34 provinces', () => {
    expect(Object.keys(PROVINCE_PROFILES).sort()).toEqual(PROVINCES.map((p) => p.code).sort());
    for (const profile of Object.values(PROVINCE_PROFILES)) {
      expect(profile.population).toBeGreaterThan(0);
      expect(profile.communes.length).toBeGreaterThanOrEqual(3);
      for (const commune of profile.communes) expect(commune).toMatch(/^(Phường|Xã) \S/);
    }
  });

  it('draws provinces by population: Hồ Chí Minh City then Hà Nội most often, every province sometimes', () => {
    const random = new Random('provinces');
    const counts = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) {
      const code = randomProvinceCode(random);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([code]) => code);
    expect(ranked.slice(0, 2)).toEqual(['79', '01']);
    expect(counts.size).toBe(34);
    expect(counts.get('79')! / 50_000).toBeCloseTo(provincePicker.share('79'), 1);
  });

  it('writes a street, a commune of the province and the province code', () => {
    const random = new Random('addresses');
    for (let i = 0; i < 2_000; i++) {
      const code = PROVINCES[i % 34].code;
      const address = randomAddress(random, code);
      expect(address.provinceCode).toBe(code);
      expect(PROVINCE_PROFILES[code].communes).toContain(address.commune);
      expect(address.street).toMatch(/^(Số )?\d+/);
    }
  });
});
