import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { auditKeyFrom } from '../src/audit/audit-hash';
import { verifyAuditLog } from '../src/audit/audit-verifier';
import { DirectoryCheckpointStore } from '../src/audit/checkpoints/audit-checkpoint-store';
import { DEVELOPMENT_AUDIT_HMAC_KEY } from '../src/config/environment';
import { dataSourceOptions } from '../src/database/data-source-options';
import { applyAndPay, citizenWithLicence, waitForApplication } from './support/case-fixtures';
import { createStaffAndSignIn } from './support/factories/accounts';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

/**
 * The log as the running service writes it verifies. Straight-through approvals used to record the
 * policy's updated_at as a JavaScript Date, hashed as {} but stored as a string, so audit:verify
 * failed on a log nobody had touched.
 */
describe('audit log of a running service', () => {
  let t: TestApp;
  let db: DataSource;
  let dir: string;
  let store: DirectoryCheckpointStore;
  const key = auditKeyFrom(DEVELOPMENT_AUDIT_HMAC_KEY); // tests run with the development key

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lr-audit-e2e-'));
    store = new DirectoryCheckpointStore(dir);
    t = await startTestApp({
      role: 'all',
      env: { AUDIT_CHECKPOINT_DIR: dir, AUDIT_CHECKPOINT_INTERVAL_SECONDS: '3600' },
    });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.appUrl, DB_POOL_SIZE: 2 })).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies after straight-through approvals, against the checkpoint the worker wrote at start', async () => {
    const startCheckpoint = await waitFor(
      async () => (await store.list())[0],
      'the checkpoint written at start',
    );
    const admin = await createStaffAndSignIn(t, 'admin');
    await request(t.url)
      .put('/api/v1/admin/provinces/01/policy')
      .set({ authorization: `Bearer ${admin.accessToken}` })
      .send({ autoApproveCleanRenewals: true })
      .expect(200);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const citizen = await citizenWithLicence(t.url, db);
      const app = await applyAndPay(t.url, citizen);
      await waitForApplication(t.url, citizen.token, app.id as string, (a) => a.status === 'ISSUED');
      ids.push(app.id as string);
    }
    const entries = await db.query<{ data: { policy: { setAt: unknown } } }[]>(
      `SELECT data FROM audit_log WHERE application_id = ANY($1::uuid[]) AND action = 'AUTO_APPROVE'`,
      [ids],
    );
    expect(entries).toHaveLength(2);
    for (const e of entries)
      expect(e.data.policy.setAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/));

    const result = await verifyAuditLog(db, { key, store });
    expect(result.problems).toEqual([]);
    expect(result.intact).toBe(true);
    expect(result.checkpoints).toEqual([
      expect.objectContaining({ name: startCheckpoint.name, valid: true }),
    ]);
    expect(result.entriesChecked).toBeGreaterThan(10);
    // Verified with the key the service used: another key names every entry.
    const other = await verifyAuditLog(db, { key: auditKeyFrom('another-key-entirely-0123456789-abcdef') });
    expect(other.problems).toHaveLength(result.entriesChecked);
  });
});
