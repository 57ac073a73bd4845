import {
  asciiName,
  FAMILY_NAME_SHARES,
  MAJOR_FAMILY_NAME_SHARES,
  randomFamilyName,
  randomFullName,
} from './names';
import { Random } from './random';

describe('Vietnamese names', () => {
  it('shares add up to 100 % with the major names at their published shares', () => {
    const total = FAMILY_NAME_SHARES.reduce((sum, [, share]) => sum + share, 0);
    expect(total).toBeCloseTo(100, 6);
    expect(new Map(MAJOR_FAMILY_NAME_SHARES).get('Nguyễn')).toBe(38);
  });

  it('draws family names close to the target distribution over 100,000 draws', () => {
    const random = new Random('family-names');
    const counts = new Map<string, number>();
    const draws = 100_000;
    for (let i = 0; i < draws; i++) {
      const name = randomFamilyName(random);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const share = (name: string) => ((counts.get(name) ?? 0) / draws) * 100;
    // Binomial standard deviation at 100k draws is at most 0.16 percentage points: allow about 4.
    expect(share('Nguyễn')).toBeGreaterThan(37.4);
    expect(share('Nguyễn')).toBeLessThan(38.6);
    expect(share('Trần')).toBeCloseTo(11, 0);
    expect(share('Lê')).toBeCloseTo(9.5, 0);
    expect(share('Phạm')).toBeCloseTo(7, 0);
    expect(share('Hoàng') + share('Huỳnh')).toBeCloseTo(5, 0);
    expect(share('Phan')).toBeCloseTo(4.5, 0);
    expect(share('Vũ') + share('Võ')).toBeCloseTo(3.9, 0);
    for (const [name, target] of MAJOR_FAMILY_NAME_SHARES) {
      expect(Math.abs(share(name) - target)).toBeLessThan(0.5);
    }
    const rest = 100 - MAJOR_FAMILY_NAME_SHARES.reduce((sum, [name]) => sum + share(name), 0);
    expect(rest).toBeGreaterThan(10.5);
    expect(rest).toBeLessThan(12.5);
  });

  it('gives men mostly Văn and women mostly Thị as middle name, with correct diacritics', () => {
    const random = new Random('full-names');
    let van = 0;
    let thi = 0;
    for (let i = 0; i < 5_000; i++) {
      const man = randomFullName(random, 'M').split(' ');
      const woman = randomFullName(random, 'F').split(' ');
      expect(man.length === 2 || man.length === 3).toBe(true);
      if (man[1] === 'Văn') van++;
      if (woman[1] === 'Thị') thi++;
      expect(man[1]).not.toBe('Thị');
      expect(woman[1]).not.toBe('Văn');
    }
    expect(van / 5_000).toBeGreaterThan(0.35);
    expect(thi / 5_000).toBeGreaterThan(0.4);
    expect(randomFullName(new Random('x'), 'F').normalize('NFC')).toBe(randomFullName(new Random('x'), 'F'));
  });

  it('turns a name into plain ASCII for e-mail addresses', () => {
    expect(asciiName('Đặng Thị Ánh')).toBe('dangthianh');
    expect(asciiName('Nguyễn Văn Đức')).toBe('nguyenvanduc');
  });
});
