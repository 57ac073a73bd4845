import { PROVINCES } from '../records/provinces.data';
import { addYears, isoDay, parseIsoDay } from './dates';
import { ReferenceDataGenerator } from './generator';
import { NEW_CLASSES, OLD_CLASSES } from './licence-classes';
import { parseNationalId } from './national-id';
import { CAR_PLATE, MOTORBIKE_PLATE } from './plates';
import { RowBatch, TABLE_KEYS, toCopyText } from './rows';

const today = parseIsoDay('2026-11-28');

function copyText(batch: RowBatch): string {
  return TABLE_KEYS.map((key) => toCopyText(key, batch[key] as never)).join('');
}

function generate(drivers: number, seed = 'generator', batchSize = 1000): RowBatch {
  const generator = new ReferenceDataGenerator({ seed, today });
  const all: RowBatch = {
    drivers: [],
    licences: [],
    licenceClasses: [],
    vehicles: [],
    violations: [],
    healthCertificates: [],
  };
  for (let done = 0; done < drivers; done += batchSize) {
    const batch = generator.batch(Math.min(batchSize, drivers - done));
    for (const key of TABLE_KEYS) (all[key] as unknown[]).push(...batch[key]);
  }
  return all;
}

describe('ReferenceDataGenerator', () => {
  const data = generate(20_000);

  it('is deterministic: the same seed gives byte-identical COPY text, another seed different text', () => {
    const a = copyText(generate(1_500, 'same'));
    expect(copyText(generate(1_500, 'same', 250))).toBe(a);
    expect(copyText(generate(1_500, 'other'))).not.toBe(a);
    // A smaller run is a prefix of a larger one with the same seed.
    expect(generate(200, 'same').drivers).toEqual(generate(1_500, 'same').drivers.slice(0, 200));
  });

  it('writes citizen IDs whose digits agree with the driver row and a legacy province code', () => {
    const legacy = new Set(PROVINCES.flatMap((p) => p.legacyCodes));
    const wrong = data.drivers.filter((d) => {
      const parts = parseNationalId(d.nationalId);
      return (
        !parts ||
        parts.sex !== d.sex ||
        parts.birthYear !== Number(d.dateOfBirth.slice(0, 4)) ||
        !legacy.has(parts.legacyProvinceCode)
      );
    });
    expect(wrong).toEqual([]);
  });

  it('keeps every key unique and every reference pointing at a generated row', () => {
    const unique = <T>(values: T[]) => new Set(values).size === values.length;
    expect(unique(data.drivers.map((d) => d.nationalId))).toBe(true);
    expect(unique(data.licences.map((l) => l.number))).toBe(true);
    expect(unique(data.licenceClasses.map((c) => `${c.licenceNumber} ${c.class}`))).toBe(true);
    expect(unique(data.vehicles.map((v) => v.plate))).toBe(true);
    expect(unique(data.violations.map((v) => v.id))).toBe(true);
    expect(unique(data.healthCertificates.map((c) => c.number))).toBe(true);
    const ids = new Set(data.drivers.map((d) => d.nationalId));
    const numbers = new Set(data.licences.map((l) => l.number));
    const plates = new Set(data.vehicles.map((v) => v.plate));
    expect(data.licences.every((l) => ids.has(l.nationalId))).toBe(true);
    expect(data.licenceClasses.every((c) => numbers.has(c.licenceNumber))).toBe(true);
    expect(data.vehicles.every((v) => ids.has(v.ownerNationalId))).toBe(true);
    expect(data.healthCertificates.every((c) => ids.has(c.nationalId))).toBe(true);
    expect(
      data.violations.every(
        (v) => (v.plate === null || plates.has(v.plate)) && (v.nationalId === null || ids.has(v.nationalId)),
      ),
    ).toBe(true);
  });

  it('writes every class of both laws, in the right era', () => {
    const seen = new Set(
      data.licenceClasses.map((c) => `${c.issuedOn < '2025-01-01' ? 'OLD' : 'NEW'} ${c.class}`),
    );
    const expected = [...NEW_CLASSES, ...OLD_CLASSES].map((c) => `${c.era} ${c.name}`);
    expect([...seen].sort()).toEqual(expected.sort());
  });

  it('keeps people 18 to 80, phones, plates and ids in their formats, and counts in proportion', () => {
    const oldest = isoDay(addYears(today, -81));
    const youngest = isoDay(addYears(today, -18));
    expect(data.drivers.every((d) => d.dateOfBirth > oldest && d.dateOfBirth <= youngest)).toBe(true);
    expect(data.drivers.every((d) => d.phone === null || /^0[35789]\d{8}$/.test(d.phone))).toBe(true);
    expect(
      data.vehicles.every((v) => (v.vehicleType === 'MOTORBIKE' ? MOTORBIKE_PLATE : CAR_PLATE).test(v.plate)),
    ).toBe(true);
    expect(
      data.violations.every(
        (v) => /^V-\d{4}-\d{6,}$/.test(v.id) && v.id.slice(2, 6) === v.occurredOn.slice(0, 4),
      ),
    ).toBe(true);
    expect(new Set(data.drivers.map((d) => d.provinceCode)).size).toBe(34);
    const perDriver = (n: number) => n / data.drivers.length;
    expect(perDriver(data.licences.length)).toBeGreaterThan(1.05);
    expect(perDriver(data.licences.length)).toBeLessThan(1.15);
    expect(perDriver(data.vehicles.length)).toBeGreaterThan(0.62);
    expect(perDriver(data.vehicles.length)).toBeLessThan(0.78);
  });

  it('gives holders of classes that need one every kind of health certificate situation', () => {
    const certificates = data.healthCertificates;
    const day = isoDay(today);
    expect(certificates.some((c) => c.result === 'FIT' && c.validUntil > day && c.electronic)).toBe(true);
    expect(certificates.some((c) => c.validUntil < day)).toBe(true);
    expect(certificates.some((c) => c.result === 'UNFIT')).toBe(true);
    expect(certificates.some((c) => !c.electronic)).toBe(true);
    for (const c of certificates) expect(c.validUntil).toBe(isoDay(addYears(parseIsoDay(c.issuedOn), 1)));
  });

  it('never hands out a reserved key', () => {
    const plain = new ReferenceDataGenerator({ seed: 'reserve', today }).batch(50);
    const reserved = {
      nationalIds: new Set(plain.drivers.slice(0, 10).map((d) => d.nationalId)),
      licenceNumbers: new Set(plain.licences.slice(0, 10).map((l) => l.number)),
      plates: new Set(plain.vehicles.slice(0, 10).map((v) => v.plate)),
    };
    const batch = new ReferenceDataGenerator({ seed: 'reserve', today, reserved }).batch(50);
    expect(batch.drivers.filter((d) => reserved.nationalIds.has(d.nationalId))).toEqual([]);
    expect(batch.licences.filter((l) => reserved.licenceNumbers.has(l.number))).toEqual([]);
    expect(batch.vehicles.filter((v) => reserved.plates.has(v.plate))).toEqual([]);
  });
});
