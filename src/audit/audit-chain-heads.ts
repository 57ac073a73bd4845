import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { StatementRider } from '../database/statement-rider';
import type { HashedAuditFields } from './audit-hash';

/** A chain's newest entry: its seq and link (seq 0 and no hash: the chain has no entry yet). */
export interface ChainHead {
  seq: number;
  hash: Buffer | null;
}

export const EMPTY_CHAIN: ChainHead = { seq: 0, hash: null };

/** What an append does to one chain: from the head it assumes to the head its last entry makes. */
export interface ChainMove {
  chain: string;
  from: ChainHead;
  to: { seq: number; hash: Buffer };
}

/** An audit_log row as the append writes it (occurred_at and hash_alg are the same for the whole batch). */
export type AuditLogRow = Omit<HashedAuditFields, 'occurredAt' | 'data'> & {
  /** The data as JSON text (cast to jsonb by the statement). */
  data: string;
  prevHash: Buffer | null;
  hash: Buffer;
};

/**
 * One statement that locks every chain of the batch, checks each chain's head is the one the links
 * were computed from, and only if all are, moves the heads and inserts the entries. It returns every
 * chain's head after it: the batch's own new head where it was written, the real head where the
 * assumption was wrong (then nothing was inserted, and the caller holds every chain's lock, so a
 * second call with `force` and links computed from the real heads cannot miss).
 *
 * - Lock and head read in one: `INSERT … ON CONFLICT DO UPDATE` on audit_chain_heads waits for any
 *   transaction holding the row, then works on the newest committed version (READ COMMITTED) and
 *   returns it; a chain with no head row gets one, and a concurrent creator of the same chain waits
 *   for it and then takes the update path. The DO UPDATE always updates (to the same values when
 *   the head is not the assumed one), so RETURNING names every chain.
 * - Rows are upserted in chain order (the statement sorts them), so two batches never deadlock.
 * - `moved` counts the chains whose head this statement moved, known by the token it writes with
 *   them (`moved_by`): a head that merely equals the proposed one may be a twin entry's, written by
 *   another transaction with the same fields in the same millisecond. The entries are inserted only
 *   when every chain moved. A chain moved while another was not keeps the batch's head until the forced
 *   second call writes it again (same seq, same link): the transaction never commits a head without
 *   its entry.
 */
const appendSql = (check: string, rider = '') => `
  WITH proposed AS (
    SELECT * FROM unnest($1::text[], $2::int[], $3::bytea[], $4::int[], $5::bytea[])
      AS p(chain, seq, hash, from_seq, from_hash)
  ), heads AS (
    INSERT INTO audit_chain_heads AS h (chain, seq, hash, moved_by)
    SELECT chain, seq, hash, $24::uuid FROM proposed ORDER BY chain
    ON CONFLICT (chain) DO UPDATE SET (seq, hash, moved_by) = (
      SELECT CASE WHEN t.ok THEN excluded.seq ELSE h.seq END, CASE WHEN t.ok THEN excluded.hash ELSE h.hash END,
             CASE WHEN t.ok THEN excluded.moved_by ELSE h.moved_by END
        FROM (SELECT ${check}) AS t(ok))
    RETURNING h.chain, h.seq, h.hash, h.moved_by IS NOT DISTINCT FROM $24::uuid AS moved
  ), moved AS (
    SELECT count(*) AS n FROM heads WHERE moved
  ), appended AS (
    INSERT INTO audit_log (chain, chain_seq, occurred_at, actor_kind, actor_id, actor_role, actor_ip, action,
      subject_type, subject_id, application_id, from_state, to_state, reason, data, prev_hash, hash, hash_alg)
    SELECT e.chain, e.chain_seq, $6::timestamptz, e.actor_kind, e.actor_id, e.actor_role, e.actor_ip, e.action,
      e.subject_type, e.subject_id, e.application_id, e.from_state, e.to_state, e.reason, e.data::jsonb,
      e.prev_hash, e.hash, $7
    FROM unnest($8::text[], $9::int[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
      $15::text[], $16::text[], $17::uuid[], $18::text[], $19::text[], $20::text[], $21::text[], $22::bytea[],
      $23::bytea[]) AS e(chain, chain_seq, actor_kind, actor_id, actor_role, actor_ip, action, subject_type,
      subject_id, application_id, from_state, to_state, reason, data, prev_hash, hash)
    WHERE (SELECT n FROM moved) = cardinality($1::text[])
  )${rider && `, ${rider}`}
  SELECT chain, seq, hash, moved FROM heads`;
/** The heads checked against the links' assumptions. */
const CHECK = `EXISTS (SELECT 1 FROM proposed p WHERE p.chain = h.chain AND p.from_seq = h.seq AND p.from_hash = h.hash)`;
const CHECKED = appendSql(CHECK);
/** Written as they are: the chains are locked already (a text of its own, so the two count apart in pg_stat_statements). */
const FORCED = appendSql('true');
/** The checked append's parameters end at $24: a rider's start after them. */
const RIDER_FIRST = 25;
const carrying = new Map<StatementRider['ctes'], string>();
/** The checked append carrying a rider's writes: one text per kind of rider. */
function checkedCarrying(rider: StatementRider): string {
  let text = carrying.get(rider.ctes);
  if (text === undefined) {
    text = appendSql(CHECK, rider.ctes(RIDER_FIRST));
    carrying.set(rider.ctes, text);
  }
  return text;
}

/**
 * The append statement and its parameters (the bench's floor issues it as the service does). A rider
 * (statement-rider.ts) goes only with the checked append, so its writes happen once: the forced
 * second statement of a wrong guess carries nothing.
 */
export function appendStatement(
  moves: ChainMove[],
  rows: AuditLogRow[],
  occurredAt: string,
  hashAlg: string,
  force: boolean,
  rider: StatementRider | null = null,
): [string, unknown[]] {
  const column = <K extends keyof AuditLogRow>(k: K) => rows.map((r) => r[k]);
  const columns = [
    ...(['chain', 'chainSeq', 'actorKind', 'actorId', 'actorRole', 'actorIp', 'action'] as const),
    ...(['subjectType', 'subjectId', 'applicationId', 'fromState', 'toState', 'reason'] as const),
    ...(['data', 'prevHash', 'hash'] as const),
  ];
  if (force && rider)
    throw new Error('A forced append carries no rider: its writes went with the checked one');
  return [
    force ? FORCED : rider ? checkedCarrying(rider) : CHECKED,
    [
      moves.map((m) => m.chain),
      moves.map((m) => m.to.seq),
      moves.map((m) => m.to.hash),
      moves.map((m) => m.from.seq),
      moves.map((m) => m.from.hash),
      occurredAt,
      hashAlg,
      ...columns.map(column),
      randomUUID(),
      ...(rider?.params ?? []),
    ],
  ];
}

/**
 * Runs the append statement; answers null when every chain moved (the entries are in), or else each
 * chain's real head, to compute the links again from.
 */
export async function appendToChains(
  manager: EntityManager,
  moves: ChainMove[],
  rows: AuditLogRow[],
  occurredAt: string,
  hashAlg: string,
  force: boolean,
  rider: StatementRider | null = null,
): Promise<Map<string, ChainHead> | null> {
  const heads = await manager.query<{ chain: string; seq: number; hash: Buffer; moved: boolean }[]>(
    ...appendStatement(moves, rows, occurredAt, hashAlg, force, rider),
  );
  const proposed = new Map(moves.map((m) => [m.chain, m]));
  const real = new Map<string, ChainHead>();
  for (const head of heads) {
    // Where this statement moved the head, the assumed head was the real one.
    real.set(head.chain, head.moved ? proposed.get(head.chain)!.from : { seq: head.seq, hash: head.hash });
  }
  const allMoved = moves.every((m) => real.get(m.chain) === m.from);
  return allMoved ? null : real;
}

/**
 * The heads this process last wrote, as guesses for its next append to the same chains: right, the
 * append is one statement; wrong (another process appended since, or the transaction that wrote it
 * rolled back), the statement says so and returns the real head. A guess is never trusted: the
 * statement compares it with the locked row. Bounded; the oldest guesses go first.
 */
export class ChainHeadGuesses {
  private readonly heads = new Map<string, ChainHead>();

  constructor(private readonly capacity = 10_000) {}

  get(chain: string): ChainHead {
    return this.heads.get(chain) ?? EMPTY_CHAIN;
  }

  set(chain: string, head: ChainHead): void {
    this.heads.delete(chain);
    this.heads.set(chain, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value!);
  }
}
