import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import type { ImportReport } from '../src/records/import/import-report';
import { RecordsImporter, RecordsImportError } from '../src/records/import/records-importer';
import { RecordsImportModule } from '../src/records/import/records-import.module';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { testEnvironment } from './support/test-env';
import { createTestRedis } from './support/test-redis';

const ROOT = join(__dirname, '..');
const MIXED = join(__dirname, 'fixtures', 'records-mixed.ndjson');
const TABLES = ['drivers', 'licences', 'licence_classes', 'vehicles', 'violations', 'health_certificates'];

const driver = (nationalId: string, fullName: string) =>
  JSON.stringify({
    kind: 'driver',
    nationalId,
    fullName,
    dateOfBirth: `19${nationalId.slice(4, 6)}-01-01`,
    sex: 'M',
    address: { street: '1 Tràng Tiền', commune: 'Phường Hoàn Kiếm', provinceCode: '01' },
  });
const licence = (number: string, change: Record<string, unknown> = {}) =>
  JSON.stringify({
    kind: 'licence',
    number,
    nationalId: '001090012345',
    cardKind: 'PET',
    status: 'VALID',
    issuingProvinceCode: '01',
    classes: [{ class: 'B', issuedOn: '2016-05-01', expiresOn: '2026-05-01' }],
    ...change,
  });

describe('records import', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let importer: RecordsImporter;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 3 })).initialize();
    importer = new RecordsImporter(ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });
  beforeEach(() => ds.query(`TRUNCATE ${TABLES.join(', ')}`));

  const importLines = (lines: string[], batchSize?: number) =>
    importer.import(Readable.from([lines.join('\n') + '\n']), { batchSize });
  const importFile = (batchSize?: number) => importer.import(createReadStream(MIXED), { batchSize });
  /** Every row of every reference table, in key order; updated_at too unless told otherwise. */
  const snapshot = async (options = { withTimes: true }) => {
    const row = options.withTimes ? 'to_jsonb(t)' : `to_jsonb(t) - 'updated_at'`;
    const result: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      result[table] = await ds.query(`SELECT (${row})::text AS row FROM ${table} t ORDER BY 1`);
    }
    return result;
  };
  const withoutDuration = ({ durationMs: _, ...report }: ImportReport) => report;
  const classesOf = async (number: string) =>
    (
      await ds.query<{ class: string; expires_on: string | null }[]>(
        `SELECT class, expires_on::text FROM licence_classes WHERE licence_number = $1 ORDER BY class`,
        [number],
      )
    ).map((r) => `${r.class}:${r.expires_on}`);
  const licenceRow = async (number: string) =>
    (
      await ds.query<{ status: string; suspended_until: string | null; updated_at: Date }[]>(
        `SELECT status, suspended_until::text, updated_at FROM licences WHERE number = $1`,
        [number],
      )
    )[0];

  it('loads the good lines of a mixed file and reports each bad one with its line number', async () => {
    const report = await importFile();
    expect(report.linesRead).toBe(20);
    expect(report.imported).toEqual({
      driver: 2,
      licence: 2,
      vehicle: 2,
      violation: 2,
      healthCertificate: 2,
    });
    expect(report.rejected).toBe(9);
    expect(report.errors.map((e) => e.line)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(report.errors[3]).toEqual({
      line: 10,
      message: 'licence.classes[0].expiresOn is not a date (got "2026-13-01")',
    });
    expect(report.errors[4].message).toMatch(/^driver\.address\.provinceCode .* \(got "99"\)$/);

    const counts = await ds.query<{ t: string; n: number }[]>(
      TABLES.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM ${t}`).join(' UNION ALL '),
    );
    expect(Object.fromEntries(counts.map((c) => [c.t, c.n]))).toEqual({
      drivers: 2,
      licences: 2,
      licence_classes: 3,
      vehicles: 2,
      violations: 2,
      health_certificates: 2,
    });
    const [military] = await ds.query(
      `SELECT origin, status, status_reason, points, card_kind FROM licences WHERE number = '790000000001'`,
    );
    expect(military).toEqual({
      origin: 'MILITARY',
      status: 'REVOKED',
      status_reason: 'court order',
      points: 0,
      card_kind: 'PAPER',
    });
    expect(await classesOf('790000000001')).toEqual(['A1:null', 'B2:2022-06-30']);
    const [certificate] = await ds.query(
      `SELECT groups, electronic, clinic FROM health_certificates WHERE number = 'HC-2026-000003'`,
    );
    expect(certificate).toEqual({ groups: [2], electronic: false, clinic: 'Bệnh viện Chợ Rẫy' });
    const [example] = await ds.query(
      `SELECT groups, electronic FROM health_certificates WHERE number = 'HC-2026-000001'`,
    );
    expect(example).toEqual({ groups: [1, 2, 3], electronic: true });
  });

  it('changes nothing when the same file is imported twice', async () => {
    const first = await importFile();
    const before = await snapshot();
    const second = await importFile();
    expect(withoutDuration(second)).toEqual(withoutDuration(first));
    expect(await snapshot()).toEqual(before); // updated_at included: unchanged rows are not rewritten
  });

  it('gives the same result with batches smaller than the file, calling back once per batch', async () => {
    const whole = await importFile();
    const wholeRows = await snapshot({ withTimes: false });
    await ds.query(`TRUNCATE ${TABLES.join(', ')}`);
    const progress: number[] = [];
    const batched = await importer.import(createReadStream(MIXED), {
      batchSize: 3,
      onProgress: (p) => progress.push(p.linesRead),
    });
    expect(withoutDuration(batched)).toEqual(withoutDuration(whole));
    expect(progress).toEqual([3, 7, 10, 13, 16, 19, 20]); // 19 non-blank lines, 3 per batch
    expect(await snapshot({ withTimes: false })).toEqual(wholeRows);
  });

  it('updates a changed licence: status, suspension and its class rows replaced', async () => {
    await importLines([
      licence('010000000001', {
        classes: [
          { class: 'A1', issuedOn: '2010-01-01', expiresOn: null },
          { class: 'B', issuedOn: '2016-05-01', expiresOn: '2026-05-01' },
        ],
      }),
    ]);
    const before = await licenceRow('010000000001');
    expect(before.status).toBe('VALID');

    const report = await importLines([
      licence('010000000001', {
        status: 'SUSPENDED',
        suspendedUntil: '2026-09-30',
        classes: [
          { class: 'B', issuedOn: '2016-05-01', expiresOn: '2036-05-01' },
          { class: 'C1', issuedOn: '2026-01-10', expiresOn: '2036-01-10' },
        ],
      }),
    ]);
    expect(report.imported.licence).toBe(1);
    const after = await licenceRow('010000000001');
    expect(after).toMatchObject({ status: 'SUSPENDED', suspended_until: '2026-09-30' });
    expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
    expect(await classesOf('010000000001')).toEqual(['B:2036-05-01', 'C1:2036-01-10']);
  });

  it('moves updated_at when only the classes change, and not when nothing does', async () => {
    const line = licence('010000000002');
    await importLines([line]);
    const first = await licenceRow('010000000002');
    await importLines([line]);
    expect((await licenceRow('010000000002')).updated_at).toEqual(first.updated_at);
    await importLines([
      licence('010000000002', { classes: [{ class: 'B', issuedOn: '2016-05-01', expiresOn: '2027-05-01' }] }),
    ]);
    expect((await licenceRow('010000000002')).updated_at.getTime()).toBeGreaterThan(
      first.updated_at.getTime(),
    );
    expect(await classesOf('010000000002')).toEqual(['B:2027-05-01']);
  });

  it('lets the last line win when a key appears twice in one batch (and across batches)', async () => {
    const lines = [
      licence('010000000003', { points: 10 }),
      driver('001090000001', 'Lê Văn Một'),
      licence('010000000003', { points: 7, classes: [{ class: 'A', issuedOn: '2025-02-01' }] }),
      driver('001090000001', 'Lê Văn Hai'),
      driver('001090000001', 'Lê Văn Ba'),
    ];
    for (const batchSize of [100, 2]) {
      await ds.query(`TRUNCATE ${TABLES.join(', ')}`);
      const report = await importLines(lines, batchSize);
      expect(report).toMatchObject({ rejected: 0, imported: { licence: 2, driver: 3 } });
      const [row] = await ds.query(`SELECT points FROM licences WHERE number = '010000000003'`);
      expect(row.points).toBe(7);
      expect(await classesOf('010000000003')).toEqual(['A:null']);
      const drivers = await ds.query(`SELECT full_name FROM drivers`);
      expect(drivers).toEqual([{ full_name: 'Lê Văn Ba' }]);
    }
  });

  it('falls back to row by row when the database refuses a batch, losing no good line', async () => {
    // A rule the parser does not know about, standing in for a constraint nobody foresaw.
    await ds.query(
      `ALTER TABLE drivers ADD CONSTRAINT test_refused_name CHECK (full_name <> 'Refused By Database')`,
    );
    try {
      const report = await importLines([
        driver('001090000011', 'Phạm Văn Đầu'),
        '{"kind":"nonsense"}',
        driver('001090000012', 'Refused By Database'),
        driver('001090000013', 'Phạm Văn Cuối'),
        driver('001090000013', 'Phạm Văn Cuối Cùng'),
      ]);
      expect(report.imported.driver).toBe(3);
      expect(report.rejected).toBe(2);
      expect(report.errors).toEqual([
        { line: 2, message: expect.stringMatching(/^kind must be one of/) },
        { line: 3, message: expect.stringMatching(/^the database refused this driver: .*test_refused_name/) },
      ]);
      const names = await ds.query(`SELECT national_id, full_name FROM drivers ORDER BY 1`);
      expect(names).toEqual([
        { national_id: '001090000011', full_name: 'Phạm Văn Đầu' },
        { national_id: '001090000013', full_name: 'Phạm Văn Cuối Cùng' },
      ]);
    } finally {
      await ds.query(`ALTER TABLE drivers DROP CONSTRAINT test_refused_name`);
    }
  });

  it('stops with the counts so far when the database fails for a reason no row explains', async () => {
    await ds.query(`ALTER TABLE vehicles RENAME TO vehicles_away`);
    try {
      const vehicle = JSON.stringify({
        kind: 'vehicle',
        plate: '29A-111.11',
        ownerNationalId: '001090012345',
        vehicleType: 'CAR',
      });
      const attempt = importLines(
        [driver('001090000021', 'Đỗ Văn An'), driver('001090000022', 'Đỗ Văn Bình'), vehicle],
        2,
      );
      await expect(attempt).rejects.toThrow(RecordsImportError);
      const error = (await attempt.catch((e: unknown) => e)) as RecordsImportError;
      expect(error.message).toMatch(
        /^the database failed while writing the vehicle lines of the batch from line 3: .*vehicles/,
      );
      expect(error.report.imported.driver).toBe(2);
      expect(error.report.rejected).toBe(0);
    } finally {
      await ds.query(`ALTER TABLE vehicles_away RENAME TO vehicles`);
    }
  });

  it('reports a failing input stream as a stopped import', async () => {
    async function* failing() {
      yield driver('001090000031', 'Hồ Văn An') + '\n';
      throw new Error('disk went away');
    }
    await expect(importer.import(Readable.from(failing()))).rejects.toThrow(
      /reading the input failed after line 1: disk went away/,
    );
  });

  it('is provided by RecordsImportModule with the application DataSource', async () => {
    const module = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 2 }) }),
        RecordsImportModule,
      ],
    }).compile();
    try {
      const report = await module
        .get(RecordsImporter)
        .import(Readable.from([driver('001090000041', 'Ngô Văn An')]));
      expect(report.imported.driver).toBe(1);
    } finally {
      await module.close();
    }
  });

  describe('command line', () => {
    const redis = createTestRedis();
    function run(args: string[], stdin?: string) {
      return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['-r', '@swc-node/register', 'src/cli/records-import.ts', ...args],
          {
            cwd: ROOT,
            env: { ...process.env, ...testEnvironment(db, redis) },
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
        child.stdin.end(stdin ?? '');
      });
    }

    it('exits 3 and prints the summary with the rejected lines when some lines are bad', async () => {
      const result = await run([MIXED, '--batch-size', '4']);
      expect(result.code).toBe(3);
      expect(result.stdout).toContain('read 20 lines of');
      expect(result.stdout).toMatch(/licence\s+2\n/);
      expect(result.stdout).toContain('Rejected: 9');
      expect(result.stdout).toContain(
        'line 10: licence.classes[0].expiresOn is not a date (got "2026-13-01")',
      );
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM drivers`);
      expect(n).toBe(2);
    });

    it('exits 0 when every line of standard input loads', async () => {
      const result = await run(
        ['-'],
        [driver('001090000051', 'Bùi Văn An'), driver('001090000052', 'Bùi Văn Bình')].join('\n'),
      );
      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout).toContain('read 2 lines of standard input');
      expect(result.stdout).toContain('Rejected: 0');
    });

    it('exits 1 and names the path when the file is missing', async () => {
      const result = await run(['test/fixtures/no-such-file.ndjson']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('no such file: test/fixtures/no-such-file.ndjson');
    });

    it('exits 1 with the usage on a bad batch size', async () => {
      const result = await run([MIXED, '--batch-size', 'many']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/--batch-size must be a whole number.*\nusage: /);
    });
  });
});
