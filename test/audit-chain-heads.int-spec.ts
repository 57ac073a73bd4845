import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from '../src/audit/audit-entry';
import { appendToChains } from '../src/audit/audit-chain-heads';
import { auditHmac, auditKeyFrom, CURRENT_AUDIT_HASH_ALG, HashedAuditFields } from '../src/audit/audit-hash';
import { useAuditKey } from '../src/audit/audit-key';
import { appendAudit } from '../src/audit/audit-log';
import { verifyAuditLog } from '../src/audit/audit-verifier';
import { dataSourceOptions } from '../src/database/data-source-options';
import { revertLastMigration, runMigrationsLocked } from '../src/database/migrator';
import { note, staff } from './support/audit-notes';
import { createTestDatabase, TestDatabase } from './support/test-database';

const SECRET = 'audit-heads-int-spec-key-0123456789-abcdefghij';
const key = auditKeyFrom(SECRET);
const HEADS_MIGRATION = 1764231830000;

const seqsOf = async (db: DataSource, chain: string) =>
  (
    await db.query<{ chain_seq: number }[]>(
      `SELECT chain_seq FROM audit_log WHERE chain = $1 ORDER BY chain_seq`,
      [chain],
    )
  ).map((r) => r.chain_seq);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** A note on an application's chain linked by hand to the given head, as another process would write it. */
function linkedAfter(subjectId: string, head: { seq: number; hash: Buffer }) {
  const chain = `application:${subjectId}`;
  const occurredAt = new Date().toISOString();
  const { data, ...fields } = {
    ...{ chain, chainSeq: head.seq + 1, occurredAt, action: 'NOTE', data: {} },
    ...{ actorKind: staff.kind, actorId: staff.id, actorRole: staff.role, actorIp: staff.ip },
    ...{ subjectType: 'application', subjectId, applicationId: null, fromState: null },
    ...{ toState: null, reason: null },
  } satisfies HashedAuditFields;
  const hash = auditHmac(key, head.hash, { ...fields, data });
  const move = { chain, from: head, to: { seq: head.seq + 1, hash } };
  const { occurredAt: _at, ...columns } = fields;
  return { move, row: { ...columns, data: JSON.stringify(data), prevHash: head.hash, hash }, occurredAt };
}

/** The statements one append issues, counted on the transaction's manager. */
async function statementsOf(db: DataSource, entries: AuditEntry[]): Promise<number> {
  return db.transaction(async (tx) => {
    const query = jest.spyOn(tx, 'query');
    await appendAudit(tx, entries);
    return query.mock.calls.length;
  });
}

describe('audit chain heads', () => {
  let db: TestDatabase;
  let owner: DataSource;
  /** Three pools: appenders that share nothing but the database, as separate processes would. */
  let pools: DataSource[];

  beforeAll(async () => {
    useAuditKey(SECRET);
    db = await createTestDatabase();
    owner = await new DataSource(dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 3 })).initialize();
    pools = await Promise.all(
      [0, 1, 2].map(() =>
        new DataSource(dataSourceOptions({ DATABASE_URL: db.appUrl, DB_POOL_SIZE: 5 })).initialize(),
      ),
    );
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.destroy()));
    await owner.destroy();
    await db.drop();
  });

  it('orders many concurrent appenders on one chain from several pools: consecutive seqs, no deadlock, verified', async () => {
    // Batches touch a second chain too, listed in either order: the chains are locked in sorted order.
    const appends = Array.from({ length: 90 }, (_, i) => {
      const pool = pools[i % pools.length];
      const batch =
        i % 3 === 0
          ? [note('busy', { i }), note(`side-${i % 2}`, { i })]
          : i % 3 === 1
            ? [note(`side-${i % 2}`, { i }), note('busy', { i }), note('busy', { i, again: true })]
            : [note('busy', { i })];
      return pool.transaction((tx) => appendAudit(tx, batch));
    });
    // Many first entries at once on a chain nobody marked as new: one creates it, the others follow.
    const firsts = Array.from({ length: 12 }, (_, i) =>
      pools[i % pools.length].transaction((tx) => appendAudit(tx, [note('fresh', { i })])),
    );
    await Promise.all([...appends, ...firsts]);

    expect(await seqsOf(owner, 'application:busy')).toEqual(oneTo(120));
    expect(await seqsOf(owner, 'application:fresh')).toEqual(oneTo(12));
    expect(await seqsOf(owner, 'application:side-0')).toEqual(oneTo(30));
    const heads = await owner.query<{ chain: string; seq: number; matches: boolean }[]>(
      `SELECT h.chain, h.seq, h.hash = a.hash AS matches
         FROM audit_chain_heads h JOIN audit_log a ON a.chain = h.chain AND a.chain_seq = h.seq ORDER BY h.chain`,
    );
    expect(heads).toEqual([
      { chain: 'application:busy', seq: 120, matches: true },
      { chain: 'application:fresh', seq: 12, matches: true },
      { chain: 'application:side-0', seq: 30, matches: true },
      { chain: 'application:side-1', seq: 30, matches: true },
    ]);
    expect(await verifyAuditLog(pools[0], { key })).toMatchObject({ intact: true, entriesChecked: 192 });
  });

  it('takes one statement when the head is as this process left it or the chain is new, two when not', async () => {
    const [app] = pools;
    expect(await statementsOf(app, [{ ...note('counted'), newSubject: true }])).toBe(1);
    expect(await statementsOf(app, [note('counted'), note('counted-too')])).toBe(1);
    // The transaction that moved the head rolls back: this process's guess is now wrong.
    await expect(
      app.transaction(async (tx) => {
        await appendAudit(tx, [note('counted')]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await statementsOf(app, [note('counted')])).toBe(2);
    expect(await statementsOf(app, [note('counted')])).toBe(1);
    // An entry marked new on a chain that has entries is linked to the real head, not refused.
    expect(await statementsOf(app, [{ ...note('counted'), newSubject: true }])).toBe(2);
    expect(await seqsOf(owner, 'application:counted')).toEqual(oneTo(5));
    expect(await verifyAuditLog(app, { key })).toMatchObject({ intact: true, problems: [] });
  });

  it('takes the head the caller read as its guess: right, one statement; stale, two and still linked right', async () => {
    const [app, other] = pools;
    await app.transaction((tx) => appendAudit(tx, [{ ...note('hinted'), newSubject: true }]));
    const headNow = async () =>
      (
        await owner.query<{ seq: number; hash: Buffer }[]>(
          `SELECT seq, hash FROM audit_chain_heads WHERE chain = 'application:hinted'`,
        )
      )[0];
    // An entry another process writes (linked by hand here) makes this process's own guess wrong.
    const elsewhere = async () => {
      const stale = await headNow();
      const { move, row, occurredAt } = linkedAfter('hinted', stale);
      await other.transaction((tx) =>
        appendToChains(tx, [move], [row], occurredAt, CURRENT_AUDIT_HASH_ALG, false),
      );
      return stale;
    };
    const stale = await elsewhere();
    expect(await statementsOf(app, [{ ...note('hinted'), knownHead: await headNow() }])).toBe(1);
    await elsewhere();
    expect(await statementsOf(app, [{ ...note('hinted'), knownHead: stale }])).toBe(2);
    expect(await seqsOf(owner, 'application:hinted')).toEqual(oneTo(5));
    expect(await verifyAuditLog(app, { key })).toMatchObject({ intact: true, problems: [] });
  });

  it('tells its own move from a twin entry another transaction wrote a moment before (same fields, same millisecond)', async () => {
    await pools[0].transaction((tx) => appendAudit(tx, [note('twin')]));
    const [head] = await owner.query<{ seq: number; hash: Buffer }[]>(
      `SELECT seq, hash FROM audit_chain_heads WHERE chain = 'application:twin'`,
    );
    const { move, row, occurredAt } = linkedAfter('twin', head);
    const hash = move.to.hash;
    const append = (tx: EntityManager) =>
      appendToChains(tx, [move], [row], occurredAt, CURRENT_AUDIT_HASH_ALG, false);

    const first = pools[0].createQueryRunner();
    await first.connect();
    await first.startTransaction();
    try {
      expect(await append(first.manager)).toBeNull();
      // The twin waits for the first's lock on the head, then finds the head at the link it proposed.
      const twin = pools[1].transaction(append);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.commitTransaction();
      await expect(twin).resolves.toEqual(new Map([['application:twin', { seq: 2, hash }]]));
    } finally {
      await first.release();
    }
    expect(await seqsOf(owner, 'application:twin')).toEqual([1, 2]);
    expect(await verifyAuditLog(owner, { key })).toMatchObject({ intact: true, problems: [] });
  });

  it('refuses DELETE and TRUNCATE of a head to the application role', async () => {
    await expect(pools[0].query(`DELETE FROM audit_chain_heads`)).rejects.toThrow(/permission denied/);
    await expect(pools[0].query(`TRUNCATE audit_chain_heads`)).rejects.toThrow(/permission denied/);
  });
});

describe('the audit chain heads migration', () => {
  let db: TestDatabase;
  let owner: DataSource;
  afterAll(async () => {
    await owner.destroy();
    await db.drop();
  });

  /** An entry as the previous release wrote it: chain's head read from audit_log, link keyed, one insert. */
  async function appendAsBefore(tx: EntityManager, entry: AuditEntry, at: Date): Promise<void> {
    const chain = `${entry.subjectType}:${entry.subjectId}`;
    const [head] = await tx.query<{ chain_seq: number; hash: Buffer }[]>(
      `SELECT chain_seq, hash FROM audit_log WHERE chain = $1 ORDER BY chain_seq DESC LIMIT 1`,
      [chain],
    );
    const fields: HashedAuditFields = {
      chain,
      chainSeq: (head?.chain_seq ?? 0) + 1,
      occurredAt: at.toISOString(),
      actorKind: entry.actor.kind,
      actorId: entry.actor.id ?? null,
      actorRole: entry.actor.role ?? null,
      actorIp: entry.actor.ip ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      applicationId: null,
      fromState: null,
      toState: null,
      reason: null,
      data: entry.data ?? {},
    };
    await tx.query(
      `INSERT INTO audit_log (chain, chain_seq, occurred_at, actor_kind, actor_id, actor_role, actor_ip, action,
         subject_type, subject_id, data, prev_hash, hash, hash_alg)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'hmac-sha256')`,
      [
        ...[fields.chain, fields.chainSeq, fields.occurredAt, fields.actorKind, fields.actorId],
        ...[fields.actorRole, fields.actorIp, fields.action, fields.subjectType, fields.subjectId],
        JSON.stringify(fields.data),
        head?.hash ?? null,
        auditHmac(key, head?.hash ?? null, fields),
      ],
    );
  }

  it('gives the chains written before it their heads, so entries after it continue them and audit:verify passes', async () => {
    useAuditKey(SECRET);
    db = await createTestDatabase();
    owner = await new DataSource(dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 3 })).initialize();
    const lastApplied = async () =>
      Number(
        (await owner.query<{ t: string }[]>(`SELECT max(timestamp)::text AS t FROM schema_migrations`))[0].t,
      );
    while ((await lastApplied()) >= HEADS_MIGRATION) await revertLastMigration(owner);
    expect(await owner.query(`SELECT 1 FROM pg_tables WHERE tablename = 'audit_chain_heads'`)).toEqual([]);

    for (let i = 0; i < 4; i++)
      await owner.transaction((tx) =>
        appendAsBefore(tx, note('old', { i }), new Date(Date.UTC(2026, 0, i + 1))),
      );
    await owner.transaction((tx) => appendAsBefore(tx, note('old-short'), new Date(Date.UTC(2026, 1, 1))));
    expect(await verifyAuditLog(owner, { key })).toMatchObject({ intact: true, entriesChecked: 5 });

    await runMigrationsLocked(owner);
    expect(await owner.query(`SELECT chain, seq FROM audit_chain_heads ORDER BY chain`)).toEqual([
      { chain: 'application:old', seq: 4 },
      { chain: 'application:old-short', seq: 1 },
    ]);
    const app = await new DataSource(
      dataSourceOptions({ DATABASE_URL: db.appUrl, DB_POOL_SIZE: 4 }),
    ).initialize();
    try {
      await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          app.transaction((tx) => appendAudit(tx, [note('old', { after: i }), note('new', { after: i })])),
        ),
      );
      await app.transaction((tx) => appendAudit(tx, [note('old-short', { after: true })]));
      expect(await seqsOf(owner, 'application:old')).toEqual(oneTo(10));
      expect(await seqsOf(owner, 'application:old-short')).toEqual(oneTo(2));
      expect(await seqsOf(owner, 'application:new')).toEqual(oneTo(6));
      expect(await verifyAuditLog(app, { key })).toMatchObject({
        intact: true,
        entriesChecked: 18,
        chainsChecked: 3,
        problems: [],
      });
    } finally {
      await app.destroy();
    }
  });
});
