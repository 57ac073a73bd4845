import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addYears, Day, isoDay, parseIsoDay, vietnamDay } from './dates';
import { demoPeopleRows, demoRandomRows, DEMO_RANDOM_DRIVERS } from './demo';
import { DEMO_PEOPLE } from './demo-data';
import { classifyExpiry } from './expiry-situations';
import { RowBatch } from './rows';

const docs = readFileSync(join(__dirname, '..', '..', 'docs', 'demo-accounts.md'), 'utf8');

/** What each documented person must look like in the records, as of `today`. */
function situation(rows: RowBatch, key: string, today: Day) {
  const person = DEMO_PEOPLE.find((p) => p.key === key)!;
  const licence = rows.licences.find((l) => l.nationalId === person.nationalId)!;
  const classes = rows.licenceClasses.filter((c) => c.licenceNumber === licence.number);
  const expiries = classes
    .map((c) => c.expiresOn)
    .filter((e): e is string => e !== null)
    .sort();
  const certificates = rows.healthCertificates.filter((c) => c.nationalId === person.nationalId);
  const plates = rows.vehicles.filter((v) => v.ownerNationalId === person.nationalId).map((v) => v.plate);
  const unpaid = rows.violations.filter((v) => !v.paid);
  return {
    expiry: classifyExpiry(expiries.length ? parseIsoDay(expiries[0]) : null, today),
    licence,
    certificates,
    unpaidOnHolder: unpaid.filter((v) => v.nationalId === person.nationalId),
    unpaidOnVehicle: unpaid.filter((v) => v.plate !== null && plates.includes(v.plate)),
  };
}

describe('demo data set', () => {
  const today = vietnamDay(new Date());

  it('documents every demo person in docs/demo-accounts.md', () => {
    for (const person of DEMO_PEOPLE) {
      expect(docs).toContain(person.nationalId);
      expect(docs).toContain(person.fullName);
      expect(docs).toContain(person.dateOfBirth);
      expect(docs).toContain(person.licence.number);
      if (person.healthCertificate) expect(docs).toContain(person.healthCertificate.number);
    }
  });

  it('has unique keys and people in Hà Nội and Hồ Chí Minh City', () => {
    const unique = (values: string[]) => new Set(values).size === values.length;
    expect(unique(DEMO_PEOPLE.map((p) => p.key))).toBe(true);
    expect(unique(DEMO_PEOPLE.map((p) => p.nationalId))).toBe(true);
    expect(unique(DEMO_PEOPLE.map((p) => p.licence.number))).toBe(true);
    expect(new Set(DEMO_PEOPLE.map((p) => p.provinceCode))).toEqual(new Set(['01', '79', '48']));
  });

  // Loaded today, in a year and in three years: the outcomes must not drift with the date.
  it.each([0, 1, 3])(
    'puts each person in their documented situation when loaded %i years from now',
    (years) => {
      const day = addYears(today, years);
      const rows = demoPeopleRows(day);
      const at = (key: string) => situation(rows, key, day);
      const iso = isoDay(day);
      const validFit = (key: string) =>
        at(key).certificates.some((c) => c.result === 'FIT' && c.validUntil > iso && c.electronic);

      expect(at('clean-renewal')).toMatchObject({
        expiry: 'EXPIRING_SOON',
        unpaidOnHolder: [],
        unpaidOnVehicle: [],
      });
      expect(validFit('clean-renewal')).toBe(true);
      expect(rows.violations.some((v) => v.plate === '29-B1 900.01' && v.paid)).toBe(true);
      expect(at('expiring-soon').expiry).toBe('EXPIRING_SOON');
      expect(at('expired-under-1-year').expiry).toBe('EXPIRED_RECENTLY');
      expect(at('expired-over-1-year').expiry).toBe('EXPIRED_LONG_AGO');
      expect(at('suspended').licence).toMatchObject({ status: 'SUSPENDED' });
      expect(at('suspended').licence.suspendedUntil! > iso).toBe(true);
      expect(at('revoked').licence).toMatchObject({ status: 'REVOKED' });
      expect(at('unpaid-violation-holder').unpaidOnHolder).toHaveLength(1);
      expect(at('unpaid-violation-vehicle').unpaidOnVehicle).toMatchObject([
        { plate: '51A-900.08', nationalId: null },
      ]);
      expect(at('missing-health-certificate').certificates).toEqual([]);
      expect(at('unfit-certificate').certificates).toMatchObject([{ result: 'UNFIT' }]);
      expect(at('paper-licence')).toMatchObject({ expiry: 'LIFETIME', licence: { cardKind: 'PAPER' } });
      expect(at('lifetime-a1')).toMatchObject({ expiry: 'LIFETIME', licence: { cardKind: 'PET' } });
      expect(at('foreign-licence').licence.origin).toBe('FOREIGN');
      expect(at('military-licence').licence.origin).toBe('MILITARY');
      expect(at('expired-health-certificate').certificates.every((c) => c.validUntil < iso)).toBe(true);
      expect(at('renewal-too-early').expiry).toBe('VALID_FAR');
      expect(at('certificate-wrong-groups').certificates).toMatchObject([{ result: 'FIT', groups: [2] }]);
      expect(at('zero-points').licence.points).toBe(0);
      // Everyone else in a clean state is clean on every other count.
      for (const key of ['expiring-soon', 'foreign-licence', 'zero-points', 'renewal-too-early']) {
        expect(validFit(key)).toBe(true);
        expect(at(key).unpaidOnHolder).toEqual([]);
      }
    },
  );

  it('stops with a clear message when a class no longer fits the law of its issue date', () => {
    expect(() => demoPeopleRows(parseIsoDay('2040-01-01'))).toThrow(/Demo person .*class B2 .*demo-data\.ts/);
  });

  it('adds random drivers that never reuse a demo key', () => {
    const random = demoRandomRows(today);
    expect(random.drivers).toHaveLength(DEMO_RANDOM_DRIVERS);
    const ids = new Set(DEMO_PEOPLE.map((p) => p.nationalId));
    const numbers = new Set(DEMO_PEOPLE.map((p) => p.licence.number));
    expect(random.drivers.filter((d) => ids.has(d.nationalId))).toEqual([]);
    expect(random.licences.filter((l) => numbers.has(l.number))).toEqual([]);
    expect(random.vehicles.filter((v) => ['29-B1 900.01', '51A-900.08'].includes(v.plate))).toEqual([]);
  });
});
