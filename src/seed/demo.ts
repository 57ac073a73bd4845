import type { Client } from 'pg';
import { copyBatch } from './copy-loader';
import { seedDemoAccounts } from './demo-accounts';
import { addMonths, addYears, Day, isoDay, parseIsoDay, vietnamDay, yearOf } from './dates';
import { DEMO_PEOPLE, DemoDate, DemoPerson } from './demo-data';
import { ReferenceDataGenerator } from './generator';
import { classInfo, eraOf, expiryOf, hasClass } from './licence-classes';
import { prepareReferenceTables } from './reference-tables';
import { emptyBatch, RowBatch, TABLE_KEYS } from './rows';

/** Random drivers loaded next to the demo people, so lists and statistics have some volume. */
export const DEMO_RANDOM_DRIVERS = 200;
const DEMO_RANDOM_SEED = 'demo';

export interface DemoSeedReport {
  people: number;
  randomDrivers: number;
}

function resolve(date: DemoDate, today: Day): Day {
  if (typeof date === 'string') return parseIsoDay(date);
  return addMonths(addYears(today, date.years ?? 0), date.months ?? 0) + (date.days ?? 0);
}

function addPerson(batch: RowBatch, person: DemoPerson, today: Day): void {
  const { licence } = person;
  const at = (date: DemoDate | undefined) => (date === undefined ? null : isoDay(resolve(date, today)));
  batch.drivers.push({
    nationalId: person.nationalId,
    fullName: person.fullName,
    dateOfBirth: person.dateOfBirth,
    sex: person.sex,
    phone: person.phone,
    email: null,
    street: person.street,
    commune: person.commune,
    provinceCode: person.provinceCode,
  });
  batch.licences.push({
    number: licence.number,
    nationalId: person.nationalId,
    cardKind: licence.cardKind ?? 'PET',
    origin: licence.origin ?? 'DOMESTIC',
    status: licence.status ?? 'VALID',
    suspendedUntil: at(licence.suspendedUntil),
    statusReason: licence.statusReason ?? null,
    statusChangedOn: at(licence.statusChangedOn),
    points: licence.points ?? 12,
    issuingProvinceCode: person.provinceCode,
  });
  const holder = { born: parseIsoDay(person.dateOfBirth), sex: person.sex };
  for (const c of licence.classes) {
    const issued = resolve(c.issued, today);
    const era = eraOf(issued);
    if (!hasClass(c.class, era)) {
      throw new Error(
        `Demo person ${person.key}: class ${c.class} would be issued on ${isoDay(issued)}, when the law in ` +
          'force has no such class. Update src/seed/demo-data.ts (and docs/demo-accounts.md).',
      );
    }
    const info = classInfo(c.class, era);
    const expires = expiryOf(info, issued, holder);
    batch.licenceClasses.push({
      licenceNumber: licence.number,
      class: c.class,
      issuedOn: isoDay(issued),
      expiresOn: expires === null ? null : isoDay(expires),
    });
  }
  const certificate = person.healthCertificate;
  if (certificate) {
    const issued = resolve(certificate.issued, today);
    batch.healthCertificates.push({
      number: certificate.number,
      nationalId: person.nationalId,
      issuedOn: isoDay(issued),
      validUntil: isoDay(addYears(issued, 1)),
      result: certificate.result ?? 'FIT',
      groups: certificate.groups,
      electronic: certificate.electronic ?? true,
      clinic: 'Bệnh viện Đa khoa Demo',
    });
  }
  for (const vehicle of person.vehicles ?? []) {
    batch.vehicles.push({
      plate: vehicle.plate,
      ownerNationalId: person.nationalId,
      vehicleType: vehicle.type,
    });
  }
  for (const v of person.violations ?? []) {
    const occurred = resolve(v.occurred, today);
    batch.violations.push({
      id: `V-${yearOf(occurred)}-${v.serial}`,
      plate: v.plate ?? null,
      nationalId: v.onHolder ? person.nationalId : null,
      amount: v.amount,
      paid: v.paid,
      occurredOn: isoDay(occurred),
      description: v.description,
    });
  }
}

/** The demo people's reference rows as of `today` (a Vietnamese calendar day). */
export function demoPeopleRows(today: Day): RowBatch {
  const batch = emptyBatch();
  for (const person of DEMO_PEOPLE) addPerson(batch, person, today);
  return batch;
}

/** The random drivers of the demo: fixed seed, and never a key the demo people use. */
export function demoRandomRows(today: Day): RowBatch {
  const generator = new ReferenceDataGenerator({
    seed: DEMO_RANDOM_SEED,
    today,
    reserved: {
      nationalIds: new Set(DEMO_PEOPLE.map((p) => p.nationalId)),
      licenceNumbers: new Set(DEMO_PEOPLE.map((p) => p.licence.number)),
      plates: new Set(DEMO_PEOPLE.flatMap((p) => (p.vehicles ?? []).map((v) => v.plate))),
    },
  });
  return generator.batch(DEMO_RANDOM_DRIVERS);
}

/**
 * Loads the demo data set (docs/demo-accounts.md) in one transaction: the documented demo people and
 * DEMO_RANDOM_DRIVERS random drivers. Refuses (SeedRefusedError) when drivers is not empty, unless
 * `replace`, which empties the reference tables first. Whatever else the demo needs (staff accounts,
 * postal partner keys) belongs inside the same transaction, after the reference records.
 */
export async function seedDemo(
  client: Client,
  today: Date,
  options: { replace?: boolean } = {},
): Promise<DemoSeedReport> {
  const day = vietnamDay(today);
  const people = demoPeopleRows(day);
  const random = demoRandomRows(day);
  await client.query('BEGIN');
  try {
    await prepareReferenceTables(client, options.replace ?? false);
    await copyBatch(client, people, TABLE_KEYS);
    await copyBatch(client, random, TABLE_KEYS);
    await seedDemoAccounts(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return { people: DEMO_PEOPLE.length, randomDrivers: random.drivers.length };
}
