import type { Client } from 'pg';
import { PasswordHasher } from '../auth/passwords/password-hasher';
import { hashApiKey } from '../postal/partners/api-key';
import { DEMO_PEOPLE } from './demo-data';

/** Documented in docs/demo-accounts.md; for local runs and demos only. */
export const DEMO_CITIZEN_PASSWORD = 'demo citizen 2026';
export const DEMO_STAFF_PASSWORD = 'demo staff 2026';
export const DEMO_POSTAL_API_KEY = 'lrpk_DEMO-vietnam-post-key-not-for-production-00';

export const DEMO_STAFF: readonly {
  username: string;
  fullName: string;
  role: string;
  provinceCode: string | null;
}[] = [
  { username: 'officer.hanoi', fullName: 'Cán bộ Hà Nội', role: 'officer', provinceCode: '01' },
  { username: 'supervisor.hanoi', fullName: 'Lãnh đạo Hà Nội', role: 'supervisor', provinceCode: '01' },
  { username: 'officer.hcm', fullName: 'Cán bộ TP.HCM', role: 'officer', provinceCode: '79' },
  { username: 'supervisor.hcm', fullName: 'Lãnh đạo TP.HCM', role: 'supervisor', provinceCode: '79' },
  { username: 'auditor', fullName: 'Thanh tra Bộ Công an', role: 'auditor', provinceCode: null },
  { username: 'admin', fullName: 'Quản trị hệ thống', role: 'admin', provinceCode: null },
];

/** Provinces whose demo policy approves clean renewals without a person (off everywhere else). */
export const DEMO_STRAIGHT_THROUGH_PROVINCES = ['01'];

/**
 * The accounts a demo needs, inside the demo's transaction: a citizen account for every demo person
 * (so nobody has to register to try an outcome), staff of two provinces plus an auditor and an admin,
 * a postal partner with a fixed key, and straight-through approval switched on for Hà Nội.
 */
export async function seedDemoAccounts(client: Client): Promise<void> {
  const hasher = new PasswordHasher();
  const citizenHash = await hasher.hash(DEMO_CITIZEN_PASSWORD);
  const staffHash = await hasher.hash(DEMO_STAFF_PASSWORD);
  await client.query(
    `INSERT INTO citizens (national_id, full_name, date_of_birth, phone, password_hash)
     SELECT d.national_id, d.full_name, d.date_of_birth, d.phone, $2 FROM drivers d WHERE d.national_id = ANY($1::char(12)[])
     ON CONFLICT (national_id) DO NOTHING`,
    [DEMO_PEOPLE.map((p) => p.nationalId), citizenHash],
  );
  for (const s of DEMO_STAFF) {
    await client.query(
      `INSERT INTO staff_accounts (username, full_name, password_hash, role, province_code)
       SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM staff_accounts WHERE lower(username) = lower($1))`,
      [s.username, s.fullName, staffHash, s.role, s.provinceCode],
    );
  }
  const partner = await client.query<{ id: string }>(
    `INSERT INTO postal_partners (name) VALUES ('Vietnam Post (demo)')
     ON CONFLICT ((lower(name))) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
  );
  await client.query(
    `INSERT INTO postal_partner_keys (partner_id, key_hash, key_prefix) VALUES ($1, $2, $3) ON CONFLICT (key_hash) DO NOTHING`,
    [partner.rows[0].id, hashApiKey(DEMO_POSTAL_API_KEY), DEMO_POSTAL_API_KEY.slice(0, 11)],
  );
  await client.query(
    `UPDATE province_policies SET auto_approve_clean_renewals = true, updated_by = 'demo seed' WHERE province_code = ANY($1)`,
    [DEMO_STRAIGHT_THROUGH_PROVINCES],
  );
}
