import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { PROVINCES } from '../src/records/provinces.data';
import { parseIsoDay } from '../src/seed/dates';
import { seedDemo } from '../src/seed/demo';
import { DEMO_PEOPLE } from '../src/seed/demo-data';
import { loadDemoOnEmpty, seedDemoIfEmpty } from '../src/seed/demo-on-empty';
import { SeedRefusedError } from '../src/seed/reference-tables';
import { TABLE_KEYS, TABLES } from '../src/seed/rows';
import { seedNational, SeedReport } from '../src/seed/seed-national';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { testEnvironment } from './support/test-env';
import { createTestRedis } from './support/test-redis';

const TODAY = '2026-11-28';
const today = parseIsoDay(TODAY);
const DRIVERS = 3_000;
const root = join(__dirname, '..');

async function connect(db: TestDatabase): Promise<Client> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  return client;
}

/** One number from a query that selects one row with one column. */
async function one(client: Client, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await client.query<Record<string, string>>(sql, params);
  return Number(Object.values(rows[0])[0]);
}

/** A fingerprint of every generated column of every reference table (not updated_at, which is now()). */
async function fingerprint(client: Client): Promise<string[]> {
  const hashes: string[] = [];
  for (const key of TABLE_KEYS) {
    const { table, columns } = TABLES[key];
    const { rows } = await client.query<{ hash: string }>(
      `SELECT md5(string_agg(row(${columns.join(', ')})::text, '|' ORDER BY ${columns[0]})) AS hash FROM ${table}`,
    );
    hashes.push(`${table}:${rows[0].hash}`);
  }
  return hashes;
}

describe('the national data generator (npm run seed)', () => {
  let db: TestDatabase;
  let client: Client;
  let report: SeedReport;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = await connect(db);
    report = await seedNational(client, { drivers: DRIVERS, seed: 'integration', today });
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('loads the drivers with about 1.1 licences and 0.7 vehicles each, as reported', async () => {
    const count = async (table: string) => one(client, `SELECT count(*) FROM ${table}`);
    expect(await count('drivers')).toBe(DRIVERS);
    for (const load of report.tables) expect(await count(load.table)).toBe(load.rows);
    expect((await count('licences')) / DRIVERS).toBeGreaterThan(1.03);
    expect((await count('licences')) / DRIVERS).toBeLessThan(1.17);
    expect((await count('vehicles')) / DRIVERS).toBeGreaterThan(0.6);
    expect((await count('vehicles')) / DRIVERS).toBeLessThan(0.8);
    expect(await count('provinces')).toBe(34);
  });

  it('writes citizen IDs that agree with each driver: legacy province, century/sex, birth year', async () => {
    const legacyCodes = PROVINCES.flatMap((p) => p.legacyCodes);
    const inconsistent = await one(
      client,
      `SELECT count(*) FROM drivers
        WHERE substr(national_id, 1, 3) <> ALL($1::text[])
           OR substr(national_id, 4, 1)::int <> (CASE WHEN date_of_birth >= '2000-01-01' THEN 2 ELSE 0 END)
                                               + (CASE WHEN sex = 'F' THEN 1 ELSE 0 END)
           OR substr(national_id, 5, 2) <> to_char(date_of_birth, 'YY')`,
      [legacyCodes],
    );
    expect(inconsistent).toBe(0);
    const ages = await client.query<{ youngest: number; oldest: number }>(
      `SELECT min(extract(year FROM age($1::date, date_of_birth)))::int AS youngest,
              max(extract(year FROM age($1::date, date_of_birth)))::int AS oldest FROM drivers`,
      [TODAY],
    );
    expect(ages.rows[0].youngest).toBeGreaterThanOrEqual(18);
    expect(ages.rows[0].oldest).toBeLessThanOrEqual(80);
  });

  it('spreads addresses over all 34 provinces, Hồ Chí Minh City and Hà Nội largest', async () => {
    const { rows } = await client.query<{ province_code: string }>(
      `SELECT province_code FROM drivers GROUP BY province_code ORDER BY count(*) DESC`,
    );
    expect(rows).toHaveLength(34);
    expect(rows.slice(0, 2).map((r) => r.province_code)).toEqual(['79', '01']);
  });

  it('puts licences in every expiry situation in about the expected shares', async () => {
    const { rows } = await client.query<Record<string, string>>(
      `WITH e AS (SELECT licence_number, min(expires_on) AS expires FROM licence_classes GROUP BY licence_number)
       SELECT count(*) AS total,
              count(*) FILTER (WHERE expires IS NULL) AS lifetime,
              count(*) FILTER (WHERE expires > $1::date + interval '6 months') AS valid_far,
              count(*) FILTER (WHERE expires >= $1::date AND expires <= $1::date + interval '6 months') AS expiring_soon,
              count(*) FILTER (WHERE expires < $1::date AND expires > $1::date - interval '1 year') AS expired_recently,
              count(*) FILTER (WHERE expires <= $1::date - interval '1 year') AS expired_long_ago
         FROM e`,
      [TODAY],
    );
    const n = Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
    const share = (k: string) => n[k] / n.total;
    expect(share('expiring_soon')).toBeGreaterThan(0.05);
    expect(share('expiring_soon')).toBeLessThan(0.11);
    expect(share('expired_recently')).toBeGreaterThan(0.02);
    expect(share('expired_recently')).toBeLessThan(0.06);
    expect(share('expired_long_ago')).toBeGreaterThan(0.015);
    expect(share('expired_long_ago')).toBeLessThan(0.05);
    expect(share('valid_far') + share('lifetime')).toBeGreaterThan(0.78);
    expect(share('valid_far')).toBeGreaterThan(0.3);
    expect(share('lifetime')).toBeGreaterThan(0.25);
  });

  it('has every class of both laws', async () => {
    const { rows } = await client.query<{ era: string; classes: string[] }>(
      `SELECT CASE WHEN issued_on < '2025-01-01' THEN 'old' ELSE 'new' END AS era, array_agg(DISTINCT class) AS classes
         FROM licence_classes GROUP BY 1 ORDER BY 1`,
    );
    const byEra = Object.fromEntries(rows.map((r) => [r.era, [...r.classes].sort()]));
    expect(byEra.new).toEqual([
      'A',
      'A1',
      'B',
      'B1',
      'BE',
      'C',
      'C1',
      'C1E',
      'CE',
      'D',
      'D1',
      'D1E',
      'D2',
      'D2E',
      'DE',
    ]);
    expect(byEra.old).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'C', 'D', 'E', 'FB2', 'FC', 'FD', 'FE']);
  });

  it('has suspended (with an end date), revoked, paper, foreign and military licences', async () => {
    const { rows } = await client.query<Record<string, string>>(
      `SELECT count(*) AS total,
              count(*) FILTER (WHERE status = 'SUSPENDED' AND suspended_until > $1 AND status_reason IS NOT NULL) AS suspended,
              count(*) FILTER (WHERE status = 'SUSPENDED' AND suspended_until IS NULL) AS suspended_without_end,
              count(*) FILTER (WHERE status = 'REVOKED' AND status_changed_on <= $1) AS revoked,
              count(*) FILTER (WHERE card_kind = 'PAPER') AS paper,
              count(*) FILTER (WHERE card_kind = 'PAPER' AND (SELECT max(issued_on) FROM licence_classes c
                                 WHERE c.licence_number = number) >= '2013-01-01') AS paper_after_2012,
              count(*) FILTER (WHERE origin = 'FOREIGN') AS foreign,
              count(*) FILTER (WHERE origin = 'MILITARY') AS military,
              count(*) FILTER (WHERE points = 0) AS no_points
         FROM licences`,
      [TODAY],
    );
    const n = Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
    expect(n.suspended / n.total).toBeGreaterThan(0.006);
    expect(n.suspended / n.total).toBeLessThan(0.03);
    expect(n.suspended_without_end).toBe(0);
    expect(n.revoked).toBeGreaterThan(0);
    expect(n.revoked / n.total).toBeLessThan(0.015);
    expect(n.paper / n.total).toBeGreaterThan(0.1);
    expect(n.paper / n.total).toBeLessThan(0.2);
    expect(n.paper_after_2012).toBe(0);
    expect(n.foreign).toBeGreaterThan(0);
    expect(n.military).toBeGreaterThan(0);
    expect(n.foreign + n.military).toBeLessThan(n.total * 0.01);
  });

  it('has unpaid violations on holders and on vehicles they own, and paid ones', async () => {
    const onHolder = await one(
      client,
      `SELECT count(DISTINCT national_id) FROM violations WHERE NOT paid AND national_id IS NOT NULL`,
    );
    const onVehicle = await one(
      client,
      `SELECT count(DISTINCT v.owner_national_id) FROM violations x JOIN vehicles v ON v.plate = x.plate
        WHERE NOT x.paid AND x.national_id IS NULL`,
    );
    const paid = await one(client, `SELECT count(*) FROM violations WHERE paid`);
    const orphans = await one(
      client,
      `SELECT count(*) FROM violations x WHERE (x.plate IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.plate = x.plate))
          OR (x.national_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM drivers d WHERE d.national_id = x.national_id))`,
    );
    expect(onHolder / DRIVERS).toBeGreaterThan(0.015);
    expect(onHolder / DRIVERS).toBeLessThan(0.05);
    expect(onVehicle / DRIVERS).toBeGreaterThan(0.015);
    expect(onVehicle / DRIVERS).toBeLessThan(0.05);
    expect(paid).toBeGreaterThan(DRIVERS * 0.05);
    expect(orphans).toBe(0);
  });

  it('gives holders of classes that need one a missing, expired, UNFIT or valid FIT certificate', async () => {
    const heavy = [
      'C1',
      'C',
      'D1',
      'D2',
      'D',
      'BE',
      'C1E',
      'CE',
      'D1E',
      'D2E',
      'DE',
      'E',
      'FB2',
      'FC',
      'FD',
      'FE',
    ];
    const { rows } = await client.query<Record<string, string>>(
      `WITH needs AS (
         SELECT l.national_id, max(CASE WHEN c.class = ANY($2::text[]) THEN 3 ELSE 2 END) AS required
           FROM licences l JOIN licence_classes c ON c.licence_number = l.number
          WHERE NOT ((c.issued_on < '2025-01-01' AND c.class IN ('A1', 'A2', 'A3'))
                  OR (c.issued_on >= '2025-01-01' AND c.class IN ('A1', 'A', 'B1')))
          GROUP BY l.national_id)
       SELECT count(*) AS total,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM health_certificates h WHERE h.national_id = n.national_id)) AS missing,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM health_certificates h WHERE h.national_id = n.national_id)
                                 AND NOT EXISTS (SELECT 1 FROM health_certificates h
                                                  WHERE h.national_id = n.national_id AND h.valid_until >= $1)) AS expired,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM health_certificates h
                                              WHERE h.national_id = n.national_id AND h.result = 'UNFIT' AND h.valid_until >= $1)) AS unfit,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM health_certificates h
                                              WHERE h.national_id = n.national_id AND h.result = 'FIT' AND h.electronic
                                                AND h.valid_until >= $1 AND n.required <= ANY(h.groups))) AS valid_fit,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM health_certificates h
                                              WHERE h.national_id = n.national_id AND h.result = 'FIT' AND h.electronic
                                                AND h.valid_until >= $1 AND NOT n.required <= ANY(h.groups))) AS wrong_groups,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM health_certificates h
                                              WHERE h.national_id = n.national_id AND NOT h.electronic)) AS paper_certificate
         FROM needs n`,
      [TODAY, heavy],
    );
    const n = Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
    const share = (k: string) => n[k] / n.total;
    expect(n.total).toBeGreaterThan(DRIVERS * 0.3);
    expect(share('valid_fit')).toBeGreaterThan(0.55);
    expect(share('valid_fit')).toBeLessThan(0.8);
    expect(share('missing')).toBeGreaterThan(0.08);
    expect(share('missing')).toBeLessThan(0.22);
    expect(share('expired')).toBeGreaterThan(0.04);
    expect(share('expired')).toBeLessThan(0.15);
    expect(n.unfit).toBeGreaterThan(0);
    expect(n.wrong_groups).toBeGreaterThan(0);
    expect(n.paper_certificate).toBeGreaterThan(0);
  });

  it('rebuilds the secondary indexes and foreign keys it dropped for the load', async () => {
    const { rows } = await client.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1`,
    );
    expect(rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining([
        'licences_national_id_idx',
        'vehicles_owner_idx',
        'violations_unpaid_plate_idx',
        'violations_unpaid_national_id_idx',
        'health_certificates_national_id_idx',
      ]),
    );
    const foreignKeys = await client.query<{ conname: string }>(
      `SELECT conname FROM pg_constraint WHERE contype = 'f'
          AND conrelid::regclass::text IN ('drivers', 'licences', 'licence_classes') ORDER BY 1`,
    );
    expect(foreignKeys.rows.map((r) => r.conname)).toEqual([
      'drivers_province_code_fkey',
      'licence_classes_licence_number_fkey',
      'licences_issuing_province_code_fkey',
    ]);
  });

  it('refuses a second load without replace and leaves the data as it was', async () => {
    const before = await fingerprint(client);
    const second = seedNational(client, { drivers: 10, seed: 'other', today });
    await expect(second).rejects.toThrow(SeedRefusedError);
    await expect(second).rejects.toThrow(/already holds 3,000 records.*--replace/);
    expect(await fingerprint(client)).toEqual(before);
  });

  it('rolls a failed load back completely, indexes included', async () => {
    const before = await fingerprint(client);
    let rounds = 0;
    const failing = {
      step: () => undefined,
      // Fail in the third round: two rounds are loaded, the tables emptied, the indexes dropped.
      advance: () => {
        if (++rounds === 3) throw new Error('interrupted');
      },
      finish: () => undefined,
    };
    await expect(
      seedNational(client, {
        drivers: 500,
        seed: 'x',
        today,
        replace: true,
        batchSize: 100,
        progress: failing,
      }),
    ).rejects.toThrow('interrupted');
    expect(await fingerprint(client)).toEqual(before);
    expect(await one(client, `SELECT count(*) FROM pg_indexes WHERE indexname = 'vehicles_owner_idx'`)).toBe(
      1,
    );
  });

  it('replaces the data when asked, and the same seed gives byte-identical rows', async () => {
    const before = await fingerprint(client);
    const again = await seedNational(client, { drivers: DRIVERS, seed: 'integration', today, replace: true });
    expect(again.replacedDrivers).toBe(DRIVERS);
    expect(await fingerprint(client)).toEqual(before);
    await seedNational(client, { drivers: DRIVERS, seed: 'another seed', today, replace: true });
    expect(await fingerprint(client)).not.toEqual(before);
  });
});

describe('the demo data set', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = await connect(db);
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('loads once at start-up (DEMO_SEED_ON_EMPTY) even when two processes start together', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const reports = await Promise.all([loadDemoOnEmpty(db.url), loadDemoOnEmpty(db.url)]);
      expect(reports.filter((r) => r !== null)).toEqual([{ people: DEMO_PEOPLE.length, randomDrivers: 200 }]);
      expect(log).toHaveBeenCalledTimes(1);
      expect(log.mock.calls[0][0]).toMatch(/"msg":"demo data loaded"/);
    } finally {
      log.mockRestore();
    }
    expect(await one(client, 'SELECT count(*) FROM drivers')).toBe(DEMO_PEOPLE.length + 200);
  });

  it('holds every documented person with their licence, certificate, vehicles and violations', async () => {
    for (const person of DEMO_PEOPLE) {
      const { rows } = await client.query<{
        full_name: string;
        date_of_birth: string;
        number: string;
        province_code: string;
      }>(
        `SELECT d.full_name, to_char(d.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, l.number, d.province_code
           FROM drivers d JOIN licences l ON l.national_id = d.national_id WHERE d.national_id = $1`,
        [person.nationalId],
      );
      expect(rows).toEqual([
        {
          full_name: person.fullName,
          date_of_birth: person.dateOfBirth,
          number: person.licence.number,
          province_code: person.provinceCode,
        },
      ]);
      const classes = await one(client, `SELECT count(*) FROM licence_classes WHERE licence_number = $1`, [
        person.licence.number,
      ]);
      expect(classes).toBe(person.licence.classes.length);
      const certificates = await one(
        client,
        `SELECT count(*) FROM health_certificates WHERE national_id = $1`,
        [person.nationalId],
      );
      expect(certificates).toBe(person.healthCertificate ? 1 : 0);
    }
    const suspended = await client.query(
      `SELECT status, suspended_until > now() AS still FROM licences WHERE number = '010000000005'`,
    );
    expect(suspended.rows).toEqual([{ status: 'SUSPENDED', still: true }]);
    const camera = await client.query(
      `SELECT x.paid, x.national_id FROM violations x JOIN vehicles v ON v.plate = x.plate WHERE v.owner_national_id = '079080078901'`,
    );
    expect(camera.rows).toEqual([{ paid: false, national_id: null }]);
  });

  it('does nothing the second time when asked only if empty, and refuses a plain second load', async () => {
    expect(await seedDemoIfEmpty(client, new Date())).toBeNull();
    await expect(seedDemo(client, new Date())).rejects.toThrow(SeedRefusedError);
    expect(await one(client, 'SELECT count(*) FROM drivers')).toBe(DEMO_PEOPLE.length + 200);
    await seedDemo(client, new Date(), { replace: true });
    expect(await one(client, 'SELECT count(*) FROM drivers')).toBe(DEMO_PEOPLE.length + 200);
  });
});

describe('the seed command', () => {
  let db: TestDatabase;
  const run = (args: string[]) =>
    spawnSync(
      process.execPath,
      ['-r', require.resolve('@swc-node/register'), join(root, 'src/cli/seed.ts'), ...args],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          SWC_NODE_PROJECT: join(root, 'tsconfig.json'),
          ...testEnvironment(db, createTestRedis()),
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('loads N drivers, refuses a second load with exit code 3, and --if-empty does nothing', () => {
    const first = run(['--drivers', '40', '--seed', 'cli', '--today', TODAY]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/drivers\s+40\s/);
    expect(first.stdout).toMatch(/rows\/s/);

    const second = run(['--drivers', '40', '--today', TODAY]);
    expect(second.status).toBe(3);
    expect(second.stderr).toMatch(/already holds 40 records.*--replace/);

    const demo = run(['--demo', '--if-empty']);
    expect(demo.status).toBe(0);
    expect(demo.stdout).toMatch(/not empty: nothing to do/);

    const usage = run(['--drivers', 'many']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/positive whole number/);
  });
});
