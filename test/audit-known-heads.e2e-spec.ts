import { DataSource } from 'typeorm';
import { auditKeyFrom } from '../src/audit/audit-hash';
import { verifyAuditLog } from '../src/audit/audit-verifier';
import type { AuthUser } from '../src/auth/auth-user';
import { Environment } from '../src/config/environment';
import { dataSourceOptions } from '../src/database/data-source-options';
import { IssueLicenceService } from '../src/issuance/issue-licence.service';
import { ClaimService } from '../src/postal/claim.service';
import { ClaimsService } from '../src/review/claims.service';
import { insertPaidApplications } from './support/factories/bulk-applications';
import { bulkInsertReadyShipments, partnerWithKey } from './support/factories/shipments';
import { statementCounter } from './support/statement-counter';
import { startTestApp, TestApp } from './support/test-app';

/** The audit log as another process has it: a module copy of its own, with its own guesses at the heads. */
function isolatedAuditLog(secret: string): typeof import('../src/audit/audit-log') {
  let copy!: typeof import('../src/audit/audit-log');
  jest.isolateModules(() => {
    // A fresh module registry: require is how jest hands one out.
    /* eslint-disable @typescript-eslint/no-require-imports */
    (require('../src/audit/audit-key') as typeof import('../src/audit/audit-key')).useAuditKey(secret);
    copy = require('../src/audit/audit-log') as typeof import('../src/audit/audit-log');
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  return copy;
}

/**
 * An audit entry is linked to its chain's head. The statements that lock a subject before a step
 * (the one write path's move, an officer's claim, a partner's lease) read that head too, so the step's
 * entry costs one statement even when another process wrote the chain's last entry: each case below
 * costs the same statements whether or not another process noted the subjects last.
 */
describe('audit entries linked to the head the locking statement read', () => {
  let t: TestApp;
  let db: DataSource;
  let counted: ReturnType<typeof statementCounter>;
  let secret: string;
  let otherProcess: typeof import('../src/audit/audit-log');
  let tags = 0;

  beforeAll(async () => {
    t = await startTestApp({ role: 'all' });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
    counted = statementCounter(t.app.get(DataSource));
    secret = t.app.get(Environment).AUDIT_HMAC_KEY;
    otherProcess = isolatedAuditLog(secret);
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  /** Another process writes the last entry of each subject's chain. */
  const notedElsewhere = (subjectType: 'application' | 'shipment', ids: string[]) =>
    db.transaction((tx) =>
      otherProcess.appendAudit(
        tx,
        ids.map((id) => ({
          actor: { kind: 'system', id: 'elsewhere', role: 'system' },
          action: 'NOTE',
          subjectType,
          subjectId: id,
        })),
      ),
    );

  const intact = async () =>
    expect(await verifyAuditLog(db, { key: auditKeyFrom(secret) })).toMatchObject({
      intact: true,
      problems: [],
    });

  async function cases(n: number, status: string): Promise<string[]> {
    const ids = await insertPaidApplications(db, n, `kh${++tags}`);
    await db.query(`UPDATE applications SET status = $2, outcome = 'ELIGIBLE' WHERE id = ANY($1::uuid[])`, [
      ids,
      status,
    ]);
    return ids;
  }

  it('the one write path: issuing cases another process noted last costs no statement more', async () => {
    const issuer = t.app.get(IssueLicenceService);
    const untouched = await cases(5, 'APPROVED');
    const noted = await cases(5, 'APPROVED');
    await notedElsewhere('application', noted);
    const a = await counted(() => issuer.issueMany(untouched));
    const b = await counted(() => issuer.issueMany(noted));
    expect([...b.value.values()].every((o) => o.issued)).toBe(true);
    expect(b.statements).toBe(a.statements);
    await intact();
  });

  it("an officer's claim on a case another process noted last costs no statement more", async () => {
    const [{ id: officerId }] = await db.query<{ id: string }[]>(
      `INSERT INTO staff_accounts (username, full_name, password_hash, role, province_code)
       VALUES ('officer.known-heads', 'Officer', 'not-a-real-hash', 'officer', '01') RETURNING id`,
    );
    const officer: AuthUser = {
      ...{ kind: 'staff', id: officerId, role: 'officer', provinceCode: '01' },
      ...{ nationalId: null, username: 'officer.known-heads' },
    };
    const [untouched, noted] = await cases(2, 'PENDING_REVIEW');
    await notedElsewhere('application', [noted]);
    const claims = t.app.get(ClaimsService);
    const a = await counted(() => claims.claim(officer, untouched, '10.0.0.1'));
    const b = await counted(() => claims.claim(officer, noted, '10.0.0.1'));
    expect(b.value.claimedBy).toBe(officerId);
    expect(b.statements).toBe(a.statements);
    await intact();
  });

  it("a partner's lease on shipments another process noted last costs no statement more", async () => {
    const partner = await partnerWithKey(db, 'Known Heads Post');
    const principal = { partnerId: partner.partnerId, partnerName: 'Known Heads Post', keyId: partner.keyId };
    const lease = () => counted(() => t.app.get(ClaimService).claim(principal, 5, '10.0.0.2'));
    // Oldest first: the untouched five are leased before the noted five.
    await bulkInsertReadyShipments(db, 5);
    const noted = await bulkInsertReadyShipments(db, 5);
    const ids = await db.query<{ id: string }[]>(`SELECT id FROM shipments WHERE tracking_number = ANY($1)`, [
      noted,
    ]);
    await notedElsewhere(
      'shipment',
      ids.map((r) => r.id),
    );
    const a = await lease();
    const b = await lease();
    expect(b.value.items.map((s) => s.trackingNumber).sort()).toEqual([...noted].sort());
    expect(b.statements).toBe(a.statements);
    await intact();
  });
});
