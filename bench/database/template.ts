import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import argon2 from 'argon2';
import type { Client } from 'pg';
import sharp from 'sharp';
import { migrateDatabase } from '../../src/database/migrate-database';
import type { LicenceRecord } from '../../src/eligibility/eligibility-input';
import { parseIsoDay } from '../../src/seed/dates';
import { seedNational } from '../../src/seed/seed-national';
import { terminalProgress, silentProgress } from '../../src/seed/progress';
import { repositoryRoot } from '../support/paths';
import { planApplication, PlannedDriver, seededDraw } from '../workload/plan-application';
import {
  createEmptyDatabase,
  databaseUrl,
  readDatabaseComment,
  withClient,
  writeDatabaseComment,
} from './admin';

/** Bump when what the template holds changes shape, so older templates are rebuilt. */
const TEMPLATE_VERSION = 4;

export interface TemplateSettings {
  adminUrl: string;
  name: string;
  drivers: number;
  seed: string;
  today: string;
  reseed: boolean;
  progress: boolean;
  log: (line: string) => void;
}

export interface TemplateInfo {
  database: string;
  /** Applications the workload holds (one per licence a citizen could apply for online). */
  workload: number;
  reused: boolean;
  seedSeconds: number;
  workloadSeconds: number;
  mix: Record<string, number>;
}

interface TemplateComment {
  version: number;
  drivers: number;
  seed: string;
  today: string;
  migrations: string[];
  workload: number;
  mix: Record<string, number>;
}

function migrationFiles(): string[] {
  return readdirSync(join(repositoryRoot(), 'migrations'))
    .filter((f) => f.endsWith('.ts'))
    .sort();
}

/**
 * The seeded database every stage is copied from: migrated, N drivers from the generator, a citizen
 * account for every driver with a licence that can be applied for online, one photo upload per such
 * licence, and `bench_workload`, the application each of those citizens will send (in a seeded
 * random order). Kept between runs and reused while drivers, seed, day and migrations are the same.
 */
export async function prepareTemplate(s: TemplateSettings): Promise<TemplateInfo> {
  const database = `${s.name}_template`;
  const wanted = { version: TEMPLATE_VERSION, drivers: s.drivers, seed: s.seed, today: s.today };
  const existing = (await readDatabaseComment(s.adminUrl, database)) as TemplateComment | null;
  const migrations = migrationFiles();
  if (
    !s.reseed &&
    existing &&
    Object.entries(wanted).every(([k, v]) => existing[k as keyof TemplateComment] === v) &&
    JSON.stringify(existing.migrations) === JSON.stringify(migrations)
  ) {
    s.log(`Reusing template ${database} (${existing.workload.toLocaleString('en-US')} applications ready)`);
    return {
      database,
      workload: existing.workload,
      reused: true,
      seedSeconds: 0,
      workloadSeconds: 0,
      mix: existing.mix,
    };
  }
  s.log(`Building template ${database}: migrations, ${s.drivers.toLocaleString('en-US')} drivers`);
  await createEmptyDatabase(s.adminUrl, database);
  const ownerUrl = databaseUrl(s.adminUrl, database);
  await migrateDatabase({ DATABASE_URL: ownerUrl });
  const seedStart = Date.now();
  await withClient(ownerUrl, (client) =>
    seedNational(client, {
      drivers: s.drivers,
      seed: s.seed,
      today: parseIsoDay(s.today),
      progress: s.progress && process.stderr.isTTY ? terminalProgress() : silentProgress,
    }),
  );
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const workloadStart = Date.now();
  const { count, mix } = await withClient(ownerUrl, (client) => buildWorkload(client, s));
  const workloadSeconds = (Date.now() - workloadStart) / 1000;
  await writeDatabaseComment(s.adminUrl, database, {
    ...wanted,
    migrations,
    workload: count,
    mix,
  } satisfies TemplateComment);
  s.log(`Template ready: ${count.toLocaleString('en-US')} applications can be sent`);
  return { database, workload: count, reused: false, seedSeconds, workloadSeconds, mix };
}

interface LicenceRow extends LicenceRecord {
  full_name: string;
  phone: string | null;
  street: string;
  commune: string;
  province_code: string;
  certificate: string | null;
}

const PAGE = 20_000;

async function buildWorkload(
  client: Client,
  s: TemplateSettings,
): Promise<{ count: number; mix: Record<string, number> }> {
  await client.query(`
    CREATE TABLE bench_workload (
      seq integer,
      licence_number char(12) PRIMARY KEY,
      national_id char(12) NOT NULL,
      sort_key double precision NOT NULL,
      type text NOT NULL,
      body jsonb NOT NULL,
      citizen_id uuid,
      upload_id uuid NOT NULL DEFAULT gen_random_uuid()
    )`);
  const draw = seededDraw(`${s.seed}:workload`);
  const mix: Record<string, number> = {};
  let after = '';
  for (;;) {
    const { rows } = await client.query<LicenceRow>(
      `SELECT l.number, l.national_id AS "nationalId", l.card_kind AS "cardKind", l.origin, l.status,
              to_char(l.suspended_until, 'YYYY-MM-DD') AS "suspendedUntil", l.status_reason AS "statusReason",
              to_char(l.status_changed_on, 'YYYY-MM-DD') AS "statusChangedOn", l.points,
              l.issuing_province_code AS "issuingProvinceCode",
              COALESCE((SELECT json_agg(json_build_object('class', c.class, 'issuedOn', to_char(c.issued_on, 'YYYY-MM-DD'),
                        'expiresOn', to_char(c.expires_on, 'YYYY-MM-DD')) ORDER BY c.class)
                        FROM licence_classes c WHERE c.licence_number = l.number), '[]') AS classes,
              d.full_name, d.phone, d.street, d.commune, d.province_code,
              (SELECT h.number FROM health_certificates h WHERE h.national_id = l.national_id
                ORDER BY h.issued_on DESC, h.number LIMIT 1) AS certificate
       FROM licences l JOIN drivers d ON d.national_id = l.national_id
       WHERE l.number > $1 ORDER BY l.number LIMIT ${PAGE}`,
      [after],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1].number;
    const planned: { number: string; nationalId: string; key: number; type: string; body: string }[] = [];
    for (const row of rows) {
      const driver: PlannedDriver = {
        nationalId: row.nationalId,
        fullName: row.full_name,
        phone: row.phone,
        street: row.street,
        commune: row.commune,
        provinceCode: row.province_code,
      };
      const body = planApplication(row, driver, row.certificate, s.today, draw);
      const key = draw();
      if (!body) continue;
      mix[body.type] = (mix[body.type] ?? 0) + 1;
      planned.push({
        number: row.number,
        nationalId: row.nationalId,
        key,
        type: body.type,
        body: JSON.stringify(body),
      });
    }
    await client.query(
      `INSERT INTO bench_workload (licence_number, national_id, sort_key, type, body)
       SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::text[], $5::jsonb[])`,
      [
        planned.map((p) => p.number),
        planned.map((p) => p.nationalId),
        planned.map((p) => p.key),
        planned.map((p) => p.type),
        planned.map((p) => p.body),
      ],
    );
  }
  // A seeded random order, so any prefix of the workload is a fair sample of the whole.
  await client.query(`
    UPDATE bench_workload w SET seq = o.seq
    FROM (SELECT licence_number, row_number() OVER (ORDER BY sort_key, licence_number) AS seq FROM bench_workload) o
    WHERE o.licence_number = w.licence_number`);
  await client.query(`CREATE UNIQUE INDEX bench_workload_seq ON bench_workload (seq)`);

  // Citizens sign in with the national e-ID in real life; here the accounts exist and the bench signs
  // their access tokens itself. One real argon2 hash of a password nobody knows.
  const passwordHash = await argon2.hash(randomBytes(24).toString('base64url'), { type: argon2.argon2id });
  await client.query(
    `INSERT INTO citizens (national_id, full_name, date_of_birth, phone, email, password_hash)
     SELECT d.national_id, d.full_name, d.date_of_birth, COALESCE(d.phone, '0912345678'), d.email, $1
     FROM drivers d WHERE d.national_id IN (SELECT national_id FROM bench_workload)`,
    [passwordHash],
  );
  await client.query(
    `UPDATE bench_workload w SET citizen_id = c.id FROM citizens c WHERE c.national_id = w.national_id`,
  );
  // The sign-in each bench token names (its `sid`): one refresh-token family per citizen, id = citizen id.
  await client.query(
    `INSERT INTO refresh_tokens (subject_kind, subject_id, family_id, token_hash, expires_at)
     SELECT 'citizen', id, id, sha256(convert_to(id::text, 'UTF8')), now() + interval '10 years' FROM citizens`,
  );
  const photo = await sharp({
    create: { width: 300, height: 400, channels: 3, background: { r: 200, g: 180, b: 160 } },
  })
    .jpeg({ quality: 40 })
    .toBuffer();
  await client.query(
    `INSERT INTO uploads (id, owner_citizen_id, content_type, bytes, width, height, size, sha256)
     SELECT upload_id, citizen_id, 'image/jpeg', $1, 300, 400, $2, $3 FROM bench_workload`,
    [photo, photo.length, createHash('sha256').update(photo).digest()],
  );
  await client.query(`VACUUM ANALYZE`);
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM bench_workload`);
  return { count: Number(rows[0].n), mix };
}
