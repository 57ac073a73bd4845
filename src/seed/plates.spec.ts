import { PROVINCES } from '../records/provinces.data';
import { CAR_PLATE, formatPlate, MOTORBIKE_PLATE, PLATE_CODES, PlateAllocator } from './plates';
import { Random } from './random';

describe('vehicle plates', () => {
  it('formats cars as 29A-123.45 and motorbikes as 29-B1 123.45', () => {
    expect(formatPlate('CAR', '29', 'A', 12345)).toBe('29A-123.45');
    expect(formatPlate('TRUCK', '51', 'C', 7)).toBe('51C-000.07');
    expect(formatPlate('MOTORBIKE', '29', 'B1', 12345)).toBe('29-B1 123.45');
    expect(CAR_PLATE.test('29A-123.45')).toBe(true);
    expect(MOTORBIKE_PLATE.test('29-B1 123.45')).toBe(true);
  });

  it('has plate codes for every province, each code used by one province only', () => {
    expect(Object.keys(PLATE_CODES).sort()).toEqual(PROVINCES.map((p) => p.code).sort());
    const all = Object.values(PLATE_CODES).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(PLATE_CODES['01']).toContain('29');
    expect(PLATE_CODES['79']).toContain('51');
  });

  it('hands out unique, well-formed plates with a code of the province', () => {
    const allocator = new PlateAllocator(new Random('plates'));
    const plates = new Set<string>();
    for (let i = 0; i < 12_000; i++) {
      const province = PROVINCES[i % PROVINCES.length].code;
      const type = (['CAR', 'TRUCK', 'MOTORBIKE'] as const)[i % 3];
      const plate = allocator.next(type, province);
      expect(plate).toMatch(type === 'MOTORBIKE' ? MOTORBIKE_PLATE : CAR_PLATE);
      expect(PLATE_CODES[province]).toContain(plate.slice(0, 2));
      if (type === 'TRUCK') expect(plate[2]).toBe('C');
      plates.add(plate);
    }
    expect(plates.size).toBe(12_000);
  });

  it('skips reserved plates and refuses unknown provinces', () => {
    const reserved = new PlateAllocator(new Random('r')).next('CAR', '04');
    expect(new PlateAllocator(new Random('r'), new Set([reserved])).next('CAR', '04')).not.toBe(reserved);
    expect(() => new PlateAllocator(new Random('r')).next('CAR', '99')).toThrow(/no plate codes/);
  });
});
