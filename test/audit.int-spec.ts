import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { hashedFields } from '../src/audit/audit-chain-walk';
import { auditHash, auditHmac, auditKeyFrom } from '../src/audit/audit-hash';
import { useAuditKey } from '../src/audit/audit-key';
import { appendAudit } from '../src/audit/audit-log';
import type { AuditProblem } from '../src/audit/audit-problems';
import { verifyAuditLog } from '../src/audit/audit-verifier';
import { DirectoryCheckpointStore } from '../src/audit/checkpoints/audit-checkpoint-store';
import { CheckpointRefused, writeAuditCheckpoint } from '../src/audit/checkpoints/write-audit-checkpoint';
import { dataSourceOptions } from '../src/database/data-source-options';
import { recomputeChain, rewriteCheckpoint, runAuditCli } from './support/audit-tampering';
import { note } from './support/audit-notes';
import { createTestDatabase, TestDatabase } from './support/test-database';

const SECRET = 'audit-int-spec-key-0123456789-abcdefghijklmnop';
const key = auditKeyFrom(SECRET);

describe('audit log', () => {
  let db: TestDatabase;
  let owner: DataSource;
  let app: DataSource;
  let dir: string;
  let store: DirectoryCheckpointStore;
  const verify = (withCheckpoint = true) =>
    verifyAuditLog(app, { key, store: withCheckpoint ? store : null, pageSize: 7 });
  const problemsOf = (problems: AuditProblem[], chain: string) => problems.filter((p) => p.chain === chain);
  const addNotes = async (subjectId: string, count: number) => {
    for (let i = 0; i < count; i++) await app.transaction((tx) => appendAudit(tx, [note(subjectId, { i })]));
  };
  const cli = (args: string[] = [], env: Record<string, string> = {}) =>
    runAuditCli('audit-verify', args, {
      DATABASE_URL: db.appUrl,
      AUDIT_HMAC_KEY: SECRET,
      AUDIT_CHECKPOINT_DIR: dir,
      ...env,
    });

  beforeAll(async () => {
    useAuditKey(SECRET);
    db = await createTestDatabase();
    owner = await new DataSource(dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 4 })).initialize();
    app = await new DataSource(dataSourceOptions({ DATABASE_URL: db.appUrl, DB_POOL_SIZE: 12 })).initialize();
    dir = mkdtempSync(join(tmpdir(), 'lr-audit-checkpoints-'));
    store = new DirectoryCheckpointStore(dir);
  });
  afterAll(async () => {
    await app.destroy();
    await owner.destroy();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('chains concurrent appends without gaps, with Dates and undefined in the data, and verifies clean', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.transaction((tx) =>
          appendAudit(tx, [
            note('a-1', {
              i,
              at: new Date(Date.UTC(2026, 0, i + 1)),
              gone: undefined,
              nested: { b: 1, a: [2, { z: 1 }] },
            }),
            { ...note(`b-${i % 3}`), reason: 'why not' },
          ]),
        ),
      ),
    );
    const seqs = await app.query<{ chain_seq: number }[]>(
      `SELECT chain_seq FROM audit_log WHERE chain = 'application:a-1' ORDER BY chain_seq`,
    );
    expect(seqs.map((r) => r.chain_seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const [stored] = await app.query<{ data: unknown; hash_alg: string }[]>(
      `SELECT data, hash_alg FROM audit_log WHERE chain = 'application:a-1' AND data->>'i' = '0'`,
    );
    expect(stored).toEqual({
      data: { i: 0, at: '2026-01-01T00:00:00.000Z', nested: { b: 1, a: [2, { z: 1 }] } },
      hash_alg: 'hmac-sha256',
    });
    const result = await verify(false);
    expect(result).toMatchObject({
      intact: true,
      entriesChecked: 40,
      chainsChecked: 4,
      unkeyedEntries: 0,
      problems: [],
    });
  });

  it('checkpoints every chain head and verifies against it; the CLI exits 0', async () => {
    // The chains the tests below tamper with, each in its own way.
    await addNotes('edited-sha', 6);
    await addNotes('wrong-key', 3);
    await addNotes('downgraded', 3);
    await addNotes('truncated', 4);
    await addNotes('holed', 4);
    await addNotes('reordered', 3);
    const written = await writeAuditCheckpoint(app, store, key, { pageSize: 2 });
    expect(written).toMatchObject({ chains: 10, entries: 63 });
    const result = await verify();
    expect(result.intact).toBe(true);
    expect(result.checkpoints).toEqual([
      expect.objectContaining({ name: written!.name, chains: 10, entries: 63, valid: true }),
    ]);
    const run = cli();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Audit log intact: 63 entries in 10 chains verified against checkpoint/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the application role', async () => {
    await expect(app.query(`UPDATE audit_log SET reason = 'rewritten'`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`UPDATE audit_log SET hash_alg = 'sha256'`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
  });

  it('names an entry whose data the owner edited and whose chain was recomputed with plain SHA-256', async () => {
    const [target] = await owner.query<{ id: string }[]>(
      `SELECT id FROM audit_log WHERE chain = 'application:edited-sha' AND chain_seq = 3`,
    );
    await owner.query(`UPDATE audit_log SET data = '{"i": 99}' WHERE id = $1`, [target.id]);
    await recomputeChain(owner, 'application:edited-sha', 3, (prev, fields) => auditHash(prev, fields));

    const problems = problemsOf((await verify()).problems, 'application:edited-sha');
    expect(problems[0]).toMatchObject({ kind: 'CHECKPOINT_MISMATCH', chainSeq: 6 });
    const altered = problems.filter((p) => p.kind === 'ALTERED');
    expect(altered[0]).toMatchObject({
      chainSeq: 3,
      id: String(target.id),
      reason: expect.stringMatching(/without the audit key/),
    });
    expect(altered.map((p) => p.chainSeq)).toEqual([3, 4, 5, 6]);
    expect(problems.some((p) => p.kind === 'BROKEN_LINK')).toBe(false);
    // Without the checkpoint the key alone still names it.
    expect(problemsOf((await verify(false)).problems, 'application:edited-sha')[0]).toMatchObject({
      kind: 'ALTERED',
      chainSeq: 3,
    });
  });

  it('names entries rehashed with a wrong key', async () => {
    await owner.query(
      `UPDATE audit_log SET reason = 'forged' WHERE chain = 'application:wrong-key' AND chain_seq = 2`,
    );
    const guess = auditKeyFrom('a-guess-at-the-key-that-is-long-enough-000');
    await recomputeChain(owner, 'application:wrong-key', 2, (prev, fields) => auditHmac(guess, prev, fields));
    const problems = problemsOf((await verify(false)).problems, 'application:wrong-key');
    expect(problems.map((p) => [p.kind, p.chainSeq])).toEqual([
      ['ALTERED', 2],
      ['ALTERED', 3],
    ]);
  });

  it('names keyed entries passed off as legacy unkeyed ones', async () => {
    await owner.query(
      `UPDATE audit_log SET reason = 'forged', hash_alg = 'sha256' WHERE chain = 'application:downgraded' AND chain_seq >= 2`,
    );
    await recomputeChain(owner, 'application:downgraded', 2, (prev, fields) => auditHash(prev, fields));
    const kinds = problemsOf((await verify()).problems, 'application:downgraded').map(
      (p) => `${p.kind} #${p.chainSeq}`,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        'UNKEYED_AFTER_CHECKPOINT #2',
        'UNKEYED_AFTER_CHECKPOINT #3',
        'UNKEYED_AFTER_KEYED #2',
        'UNKEYED_AFTER_KEYED #3',
        'CHECKPOINT_MISMATCH #3',
      ]),
    );
  });

  it("names a chain whose newest entry was deleted, which the chain's links alone cannot show: by its head, and by a checkpoint", async () => {
    await owner.query(`DELETE FROM audit_log WHERE chain = 'application:truncated' AND chain_seq = 4`);
    const byHead = expect.objectContaining({
      kind: 'TRUNCATED',
      chainSeq: 4,
      reason: expect.stringMatching(/ends at #3, but the chain's head recorded it up to #4/),
    });
    expect(problemsOf((await verify(false)).problems, 'application:truncated')).toEqual([byHead]);
    expect(problemsOf((await verify()).problems, 'application:truncated')).toEqual([
      expect.objectContaining({
        kind: 'TRUNCATED',
        chainSeq: 4,
        checkpoint: expect.any(String),
        reason: expect.stringMatching(/ends at #3, but the checkpoint recorded/),
      }),
      byHead,
    ]);
  });

  it('names an entry removed from the middle and a reordered chain', async () => {
    await owner.query(`DELETE FROM audit_log WHERE chain = 'application:holed' AND chain_seq = 2`);
    await owner.transaction(async (tx) => {
      await tx.query(
        `UPDATE audit_log SET chain_seq = -1 WHERE chain = 'application:reordered' AND chain_seq = 1`,
      );
      await tx.query(
        `UPDATE audit_log SET chain_seq = 1 WHERE chain = 'application:reordered' AND chain_seq = 2`,
      );
      await tx.query(
        `UPDATE audit_log SET chain_seq = 2 WHERE chain = 'application:reordered' AND chain_seq = -1`,
      );
    });
    const { problems } = await verify();
    expect(problemsOf(problems, 'application:holed')).toEqual([
      expect.objectContaining({
        kind: 'MISSING',
        chainSeq: 2,
        reason: expect.stringMatching(/#2 before this one is missing/),
      }),
    ]);
    const reordered = problemsOf(problems, 'application:reordered').map((p) => `${p.kind} #${p.chainSeq}`);
    expect(reordered).toEqual(
      expect.arrayContaining([
        'BROKEN_LINK #1',
        'ALTERED #1',
        'BROKEN_LINK #2',
        'ALTERED #2',
        'BROKEN_LINK #3',
      ]),
    );
  });

  it('lists every bad entry of every chain, through the library and the CLI (exit 3)', async () => {
    const result = await verify();
    expect(result.intact).toBe(false);
    const chains = new Set(result.problems.map((p) => p.chain));
    for (const chain of ['edited-sha', 'wrong-key', 'downgraded', 'truncated', 'holed', 'reordered'])
      expect(chains).toContain(`application:${chain}`);
    // The untouched chains stay clean.
    expect(chains).not.toContain('application:a-1');

    const run = cli();
    expect(run.status).toBe(3);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(result.problems.length + 1);
    expect(lines.at(-1)).toMatch(/^Audit log TAMPERED: \d+ problems found/);
    expect(run.stderr).toMatch(
      /^TRUNCATED \(chain application:truncated, #4, checkpoint audit-checkpoint-\S+\): the chain ends at #3/m,
    );
    expect(run.stderr).toMatch(/^ALTERED \(chain application:wrong-key, #2, id \d+\): /m);
    const json = cli(['--json']);
    expect(json.status).toBe(3);
    expect((JSON.parse(json.stdout) as { problems: unknown[] }).problems).toHaveLength(
      result.problems.length,
    );
  });

  it('writes no new checkpoint over a log that contradicts the newest (the truncation stays visible)', async () => {
    const before = await store.list();
    await expect(writeAuditCheckpoint(app, store, key)).rejects.toThrow(CheckpointRefused);
    const refused = runAuditCli('audit-checkpoint', [], {
      DATABASE_URL: db.appUrl,
      AUDIT_HMAC_KEY: SECRET,
      AUDIT_CHECKPOINT_DIR: dir,
    });
    expect(refused.status).toBe(3);
    expect(refused.stderr).toMatch(/^TRUNCATED \(chain application:truncated/m);
    expect(refused.stderr).toMatch(/^Refused: the audit log contradicts the newest checkpoint/m);
    expect(await store.list()).toEqual(before);
  });

  it('refuses a checkpoint whose file was altered', async () => {
    const [newest] = (await store.list()).slice(-1);
    await rewriteCheckpoint(dir, newest.name, (line) =>
      line.replace(/^\["application:truncated",4,/, '["application:truncated",3,'),
    );
    const { problems, checkpoints } = await verify();
    expect(checkpoints[0].valid).toBe(false);
    expect(problems[0]).toMatchObject({
      kind: 'CHECKPOINT_INVALID',
      reason: expect.stringMatching(/signature does not match/),
    });
    // The forged checkpoint vouches for nothing, and the chain's head still names the truncation.
    expect(problemsOf(problems, 'application:truncated')).toEqual([
      expect.objectContaining({
        kind: 'TRUNCATED',
        chainSeq: 4,
        reason: expect.stringMatching(/the chain's head recorded/),
      }),
    ]);
  });

  it('exits 2 on wrong usage, 1 when it cannot run, and 0 with --help', () => {
    const usage = cli(['--frobnicate']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run audit:verify/);
    const broken = cli([], { DATABASE_URL: db.appUrl.replace(/\/[^/]+$/, '/lr_no_such_database') });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^audit:verify could not run: /);
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 the log is intact, 3 tampering found/);
  });

  it('writes a checkpoint from the command line when forced (exit 0), and refuses without a directory (exit 1)', () => {
    const env = { DATABASE_URL: db.appUrl, AUDIT_HMAC_KEY: SECRET };
    const written = runAuditCli('audit-checkpoint', ['--force'], { ...env, AUDIT_CHECKPOINT_DIR: dir });
    expect(written.stderr).toBe('');
    expect(written.status).toBe(0);
    expect(written.stdout).toMatch(
      /^Checkpoint \S+audit-checkpoint-\S+\.ndjson\.gz: \d+ chains, \d+ entries\.$/m,
    );
    const nowhere = runAuditCli('audit-checkpoint', [], { ...env, AUDIT_CHECKPOINT_DIR: '' });
    expect(nowhere.status).toBe(1);
    expect(nowhere.stderr).toMatch(/AUDIT_CHECKPOINT_DIR is not set/);
  });

  it('keeps legacy unkeyed entries verifiable, protected by the checkpoint', async () => {
    const fresh = await createTestDatabase();
    const ownerOfFresh = await new DataSource(
      dataSourceOptions({ DATABASE_URL: fresh.url, DB_POOL_SIZE: 2 }),
    ).initialize();
    const legacyDir = mkdtempSync(join(tmpdir(), 'lr-audit-legacy-'));
    try {
      // As the service wrote them before keyed links: plain SHA-256, marked 'sha256' by the migration.
      await ownerOfFresh.transaction((tx) => appendAudit(tx, [note('old'), note('old')]));
      await ownerOfFresh.query(`UPDATE audit_log SET hash_alg = 'sha256'`);
      await recomputeChain(ownerOfFresh, 'application:old', 1, (prev, fields) => auditHash(prev, fields));
      await ownerOfFresh.transaction((tx) => appendAudit(tx, [note('old')]));
      const legacyStore = new DirectoryCheckpointStore(legacyDir);
      await writeAuditCheckpoint(ownerOfFresh, legacyStore, key);
      const clean = await verifyAuditLog(ownerOfFresh, { key, store: legacyStore });
      expect(clean).toMatchObject({ intact: true, entriesChecked: 3, unkeyedEntries: 2 });

      await ownerOfFresh.query(`UPDATE audit_log SET reason = 'rewritten' WHERE chain_seq = 1`);
      await recomputeChain(ownerOfFresh, 'application:old', 1, (prev, fields, row) =>
        row.hash_alg === 'sha256'
          ? auditHash(prev, fields)
          : auditHmac(auditKeyFrom('x'.repeat(40)), prev, fields),
      );
      const kinds = (await verifyAuditLog(ownerOfFresh, { key, store: legacyStore })).problems.map(
        (p) => `${p.kind} #${p.chainSeq}`,
      );
      expect(kinds).toEqual(['CHECKPOINT_MISMATCH #3', 'ALTERED #3']);
    } finally {
      await ownerOfFresh.destroy();
      await fresh.drop();
      rmSync(legacyDir, { recursive: true, force: true });
    }
  });

  it('recomputes what the hashed fields of a stored row are', async () => {
    const [row] = await app.query<Parameters<typeof hashedFields>[0][]>(
      `SELECT * FROM audit_log WHERE chain = 'application:a-1' AND chain_seq = 1`,
    );
    expect(auditHmac(key, null, hashedFields(row)).equals(row.hash)).toBe(true);
  });
});
