import { nationalIdPrefix } from '../../../src/common/citizen-id';
import { randomBytes, randomInt } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type { StaffRole } from '../../../src/auth/auth-user';
import { PasswordHasher } from '../../../src/auth/passwords/password-hasher';

/**
 * Accounts for tests: a driver record plus a registered, signed-in citizen; a staff account of a role
 * and province, signed in. Everything goes through the real API except the rows only agencies or
 * operators create (the driver record, the staff account).
 *
 * Each sign-in comes from an address of its own (X-Forwarded-For; tests trust 127.0.0.1 as the proxy), so a test
 * that signs many people in never trips the per-address sign-in limit meant for one attacker.
 */

interface AppUnderTest {
  url: string;
  db: { url: string };
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface CitizenAccountFixture extends SignedIn {
  id: string;
  nationalId: string;
  fullName: string;
  dateOfBirth: string;
  phone: string;
  password: string;
}

export interface StaffAccountFixture extends SignedIn {
  id: string;
  username: string;
  password: string;
  role: StaffRole;
  provinceCode: string | null;
  nationalId: string | null;
}

export const DEFAULT_TEST_PASSWORD = 'correct horse battery staple';

/** A documentation-range address no other sign-in in this run uses. */
export function uniqueClientAddress(): string {
  return `198.51.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** A 12-digit citizen ID whose digits agree with the birth year and sex (digit 4, digits 5–6). */
export function citizenIdFor(dateOfBirth: string, sex: 'M' | 'F' = 'M', legacyProvinceCode = '001'): string {
  const serial = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return nationalIdPrefix(legacyProvinceCode, sex, Number(dateOfBirth.slice(0, 4))) + serial;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Writes a driver record (as the agency import would) and returns it. */
export async function insertDriverRecord(
  t: AppUnderTest,
  over: Partial<{
    nationalId: string;
    fullName: string;
    dateOfBirth: string;
    sex: 'M' | 'F';
    phone: string;
    provinceCode: string;
  }> = {},
): Promise<{ nationalId: string; fullName: string; dateOfBirth: string; phone: string }> {
  const dateOfBirth = over.dateOfBirth ?? '1990-05-12';
  const sex = over.sex ?? 'M';
  const driver = {
    nationalId: over.nationalId ?? citizenIdFor(dateOfBirth, sex),
    fullName: over.fullName ?? 'Nguyễn Văn An',
    dateOfBirth,
    phone: over.phone ?? '0912345678',
  };
  await withClient(t.db.url, (db) =>
    db.query(
      `INSERT INTO drivers (national_id, full_name, date_of_birth, sex, phone, street, commune, province_code)
       VALUES ($1, $2, $3, $4, $5, '12 Phố Huế', 'Phường Hai Bà Trưng', $6)`,
      [driver.nationalId, driver.fullName, dateOfBirth, sex, driver.phone, over.provinceCode ?? '01'],
    ),
  );
  return driver;
}

export async function signInCitizen(url: string, nationalId: string, password: string): Promise<SignedIn> {
  const res = await request(url)
    .post('/api/v1/auth/citizen/login')
    .set('x-forwarded-for', uniqueClientAddress())
    .send({ nationalId, password })
    .expect(200);
  return res.body as SignedIn;
}

export async function signInStaff(url: string, username: string, password: string): Promise<SignedIn> {
  const res = await request(url)
    .post('/api/v1/auth/staff/login')
    .set('x-forwarded-for', uniqueClientAddress())
    .send({ username, password })
    .expect(200);
  return res.body as SignedIn;
}

/** A driver record, a citizen account registered against it through the API, and a sign-in. */
export async function createCitizenAndSignIn(
  t: AppUnderTest,
  over: Parameters<typeof insertDriverRecord>[1] & { password?: string } = {},
): Promise<CitizenAccountFixture> {
  const driver = await insertDriverRecord(t, over);
  const password = over.password ?? DEFAULT_TEST_PASSWORD;
  const registered = await request(t.url)
    .post('/api/v1/auth/citizen/register')
    .set('x-forwarded-for', uniqueClientAddress())
    .send({ ...driver, password })
    .expect(201);
  const tokens = await signInCitizen(t.url, driver.nationalId, password);
  return { id: registered.body.id as string, ...driver, password, ...tokens };
}

const hasher = new PasswordHasher();

/**
 * A staff account written straight to the table (as `npm run staff:create` would), then signed in.
 * Officers and supervisors get province 01 unless told otherwise; auditors and admins none.
 */
export async function createStaffAndSignIn(
  t: AppUnderTest,
  role: StaffRole,
  over: {
    provinceCode?: string | null;
    username?: string;
    password?: string;
    nationalId?: string | null;
    fullName?: string;
  } = {},
): Promise<StaffAccountFixture> {
  const provincial = role === 'officer' || role === 'supervisor';
  const provinceCode = over.provinceCode !== undefined ? over.provinceCode : provincial ? '01' : null;
  const username = over.username ?? `${role}.${randomBytes(4).toString('hex')}`;
  const password = over.password ?? DEFAULT_TEST_PASSWORD;
  const nationalId = over.nationalId ?? null;
  const passwordHash = await hasher.hash(password);
  const id = await withClient(t.db.url, async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO staff_accounts (username, full_name, password_hash, role, province_code, national_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [username, over.fullName ?? username, passwordHash, role, provinceCode, nationalId],
    );
    return rows[0].id;
  });
  const tokens = await signInStaff(t.url, username, password);
  return { id, username, password, role, provinceCode, nationalId, ...tokens };
}
