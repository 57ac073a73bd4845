import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { appendAudit } from '../src/audit/audit-log';
import { verifyAuditLog } from '../src/audit/audit-verifier';
import { dataSourceOptions } from '../src/database/data-source-options';
import { createTestDatabase, TestDatabase } from './support/test-database';

const staff = { kind: 'staff' as const, id: 'officer-1', role: 'officer', ip: '10.0.0.1' };

describe('audit log', () => {
  let db: TestDatabase;
  let owner: DataSource;
  let app: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await new DataSource(dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 4 })).initialize();
    app = await new DataSource(dataSourceOptions({ DATABASE_URL: db.appUrl, DB_POOL_SIZE: 12 })).initialize();
  });
  afterAll(async () => {
    await app.destroy();
    await owner.destroy();
    await db.drop();
  });

  it('chains concurrent appends to one subject without gaps and verifies clean', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.transaction((tx) =>
          appendAudit(tx, [
            {
              actor: staff,
              action: 'NOTE',
              subjectType: 'application',
              subjectId: 'a-1',
              data: { i, nested: { b: 1, a: [2, { z: 1, y: 2 }] } },
            },
            {
              actor: staff,
              action: 'NOTE',
              subjectType: 'application',
              subjectId: `b-${i % 3}`,
              reason: 'why not',
            },
          ]),
        ),
      ),
    );
    const seqs = await app.query<
      {
        chain_seq: number;
      }[]
    >(`SELECT chain_seq FROM audit_log WHERE chain = 'application:a-1' ORDER BY chain_seq`);
    expect(seqs.map((r) => r.chain_seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const result = await verifyAuditLog(app, 7);
    expect(result).toEqual({ entriesChecked: 40, chainsChecked: 4, firstBad: null });
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the application role', async () => {
    await expect(app.query(`UPDATE audit_log SET reason = 'rewritten'`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
  });

  it('names the first altered entry, through the library and the CLI', async () => {
    const [target] = await owner.query<{ id: string }[]>(
      `SELECT id FROM audit_log WHERE chain = 'application:a-1' AND chain_seq = 5`,
    );
    await owner.query(`UPDATE audit_log SET reason = 'quietly rewritten' WHERE id = $1`, [target.id]);
    const result = await verifyAuditLog(app);
    expect(result.firstBad).toMatchObject({ id: String(target.id), chain: 'application:a-1', chainSeq: 5 });

    const root = join(__dirname, '..');
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'src/cli/audit-verify.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: db.appUrl,
        REDIS_URL: 'redis://127.0.0.1:6379',
        JWT_SECRET: 'x'.repeat(40),
        PAYMENT_CALLBACK_SECRET: 'y'.repeat(20),
      },
      encoding: 'utf8',
    });
    expect(run.status).toBe(4);
    expect(run.stderr).toContain(`entry id ${target.id}`);
  });

  it('notices a deleted entry in the middle of a chain', async () => {
    await owner.query(`UPDATE audit_log SET reason = NULL WHERE reason = 'quietly rewritten'`);
    await owner.query(`DELETE FROM audit_log WHERE chain = 'application:a-1' AND chain_seq = 9`);
    const result = await verifyAuditLog(app);
    expect(result.firstBad).toMatchObject({
      chain: 'application:a-1',
      chainSeq: 10,
      problem: expect.stringMatching(/missing/),
    });
  });
});
