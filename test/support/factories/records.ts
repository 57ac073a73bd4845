import { nationalIdPrefix } from '../../../src/common/citizen-id';
import { DataSource } from 'typeorm';

/**
 * Small factories for national reference records, written straight to the tables (the records come
 * from other agencies; the service only reads them). Each returns what it wrote.
 */
export interface DriverFixture {
  nationalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'M' | 'F';
  provinceCode: string;
  phone: string;
}

let serial = 0;
/** A citizen ID whose digits agree with sex and birth year (DOMAIN.md), unique within the run. */
export function nationalIdFor(dateOfBirth: string, sex: 'M' | 'F', provinceLegacyCode = '001'): string {
  serial++;
  const prefix = nationalIdPrefix(provinceLegacyCode, sex, Number(dateOfBirth.slice(0, 4)));
  return prefix + String((process.pid * 1000 + serial) % 1_000_000).padStart(6, '0');
}

export async function insertDriver(
  db: DataSource,
  over: Partial<DriverFixture> = {},
): Promise<DriverFixture> {
  const dateOfBirth = over.dateOfBirth ?? '1990-05-12';
  const sex = over.sex ?? 'M';
  const driver: DriverFixture = {
    nationalId: over.nationalId ?? nationalIdFor(dateOfBirth, sex),
    fullName: over.fullName ?? 'Nguyễn Văn An',
    dateOfBirth,
    sex,
    provinceCode: over.provinceCode ?? '01',
    phone: over.phone ?? '0912345678',
  };
  await db.query(
    `INSERT INTO drivers (national_id, full_name, date_of_birth, sex, phone, street, commune, province_code)
     VALUES ($1, $2, $3, $4, $5, '12 Phố Huế', 'Phường Hai Bà Trưng', $6)`,
    [driver.nationalId, driver.fullName, driver.dateOfBirth, driver.sex, driver.phone, driver.provinceCode],
  );
  return driver;
}

export interface LicenceFixture {
  number: string;
  nationalId: string;
  cardKind?: 'PAPER' | 'PET';
  origin?: 'DOMESTIC' | 'FOREIGN' | 'MILITARY';
  status?: 'VALID' | 'SUSPENDED' | 'REVOKED';
  suspendedUntil?: string | null;
  points?: number;
  provinceCode?: string;
  classes: { class: string; issuedOn: string; expiresOn: string | null }[];
}

let licenceSerial = 0;
export function licenceNumber(): string {
  licenceSerial++;
  return `01${String((process.pid * 10000 + licenceSerial) % 10_000_000_000).padStart(10, '0')}`;
}

export async function insertLicence(db: DataSource, l: LicenceFixture): Promise<LicenceFixture> {
  await db.query(
    `INSERT INTO licences (number, national_id, card_kind, origin, status, suspended_until, status_reason, points, issuing_province_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      l.number,
      l.nationalId,
      l.cardKind ?? 'PET',
      l.origin ?? 'DOMESTIC',
      l.status ?? 'VALID',
      l.suspendedUntil ?? null,
      l.status && l.status !== 'VALID' ? 'decision of the traffic police' : null,
      l.points ?? 12,
      l.provinceCode ?? '01',
    ],
  );
  for (const c of l.classes) {
    await db.query(
      `INSERT INTO licence_classes (licence_number, class, issued_on, expires_on) VALUES ($1, $2, $3, $4)`,
      [l.number, c.class, c.issuedOn, c.expiresOn],
    );
  }
  return l;
}

export async function insertHealthCertificate(
  db: DataSource,
  c: {
    number: string;
    nationalId: string;
    issuedOn: string;
    validUntil: string;
    result?: 'FIT' | 'UNFIT';
    groups?: number[];
  },
): Promise<void> {
  await db.query(
    `INSERT INTO health_certificates (number, national_id, issued_on, valid_until, result, groups) VALUES ($1, $2, $3, $4, $5, $6)`,
    [c.number, c.nationalId, c.issuedOn, c.validUntil, c.result ?? 'FIT', c.groups ?? [2]],
  );
}

export async function insertVehicle(db: DataSource, plate: string, owner: string): Promise<void> {
  await db.query(`INSERT INTO vehicles (plate, owner_national_id, vehicle_type) VALUES ($1, $2, 'CAR')`, [
    plate,
    owner,
  ]);
}

export async function insertViolation(
  db: DataSource,
  v: {
    id: string;
    plate?: string | null;
    nationalId?: string | null;
    amount?: number;
    paid?: boolean;
    occurredOn?: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO violations (id, plate, national_id, amount, paid, occurred_on) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      v.id,
      v.plate ?? null,
      v.nationalId ?? null,
      v.amount ?? 800000,
      v.paid ?? false,
      v.occurredOn ?? '2026-01-02',
    ],
  );
}

/** ISO date `days` from today (UTC), for expiry dates relative to the day the test runs. */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
