import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from '../audit/audit-hash';
import { DomainError } from '../common/errors/domain-error';
import type { StatementRider } from '../database/statement-rider';

export interface StoredResponse<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** How long a request waits for another one holding the same key before being told it is in flight. */
const IN_FLIGHT_WAIT = '5s';

/** Takes the key (or finds it taken), with the wait for a request in flight set by the same statement. */
export const TAKE_KEY_SQL = `INSERT INTO idempotency_keys (citizen_id, key, request_hash, response_status, response_body)
  SELECT $1, $2, $3, 0, '{}' FROM (SELECT set_config('lock_timeout', $4, true)) AS timeout
  ON CONFLICT DO NOTHING RETURNING 1`;

/** The response stored under its key. */
const STORE_RESPONSE_SQL = `UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE citizen_id = $1 AND key = $2`;

const RESPONSE_STORED = (first: number) =>
  `stored_response AS (
    UPDATE idempotency_keys SET response_status = $${first + 2}::int, response_body = $${first + 3}::json
    WHERE citizen_id = $${first}::uuid AND key = $${first + 1}::text
  )`;

/** The response stored under its key, as a write another statement of the transaction carries. */
export function responseStored(
  citizenId: string,
  key: string,
  result: { status: number; body: unknown },
): StatementRider {
  return { ctes: RESPONSE_STORED, params: [citizenId, key, result.status, JSON.stringify(result.body)] };
}

/**
 * Hands the work its response's storing as a rider, for the work's last statement to carry: the
 * response given here must be the one the work returns (the same object), or it is stored again.
 */
export type KeepResponse<T> = (result: { status: number; body: T }) => StatementRider;

export function validateIdempotencyKey(key: string | undefined): string {
  if (!key) {
    throw new DomainError(
      'BAD_REQUEST',
      'The Idempotency-Key header is required: send a unique value (a UUID) per new application, and the same value when you retry.',
    );
  }
  if (!/^[\x21-\x7e]{8,128}$/.test(key)) {
    throw new DomainError(
      'BAD_REQUEST',
      'The Idempotency-Key header must be 8 to 128 visible ASCII characters, such as a UUID.',
    );
  }
  return key;
}

/**
 * Runs `work` at most once per (citizen, key): the key row, the work and the stored response commit in
 * one transaction. A concurrent request with the same key waits on the key's row lock and then replays
 * the stored response; one that waits longer than IN_FLIGHT_WAIT gets 409; the same key with a
 * different body gets 422. The work may store its response itself, with a statement it issues anyway
 * (`keep`); when it has not, a statement of its own stores it.
 */
export async function runOncePerKey<T>(
  db: DataSource,
  scope: { citizenId: string; key: string; request: unknown },
  work: (tx: EntityManager, keep: KeepResponse<T>) => Promise<{ status: number; body: T }>,
): Promise<StoredResponse<T>> {
  const hash = createHash('sha256').update(canonicalJson(scope.request)).digest('hex');
  return db.transaction(async (tx) => {
    let inserted: unknown[];
    try {
      // The row is built, and with it the transaction's lock_timeout set, before the insert can wait
      // on the key of a request in flight: one statement instead of a SET and an INSERT.
      inserted = await tx.query<unknown[]>(TAKE_KEY_SQL, [scope.citizenId, scope.key, hash, IN_FLIGHT_WAIT]);
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') {
        throw new DomainError(
          'IDEMPOTENCY_IN_FLIGHT',
          'A request with this Idempotency-Key is still being processed. Retry in a few seconds.',
        );
      }
      throw error;
    }
    if (inserted.length === 0) {
      const [stored] = await tx.query<{ request_hash: string; response_status: number; response_body: T }[]>(
        `SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE citizen_id = $1 AND key = $2`,
        [scope.citizenId, scope.key],
      );
      if (stored.request_hash !== hash) {
        throw new DomainError(
          'IDEMPOTENCY_MISMATCH',
          'This Idempotency-Key was already used for a different application. Use a new key for a new application.',
        );
      }
      return { status: stored.response_status, body: stored.response_body, replayed: true };
    }
    let kept: { status: number; body: T } | null = null;
    const result = await work(tx, (response) => {
      kept = response;
      return responseStored(scope.citizenId, scope.key, response);
    });
    if (result !== kept) {
      await tx.query(STORE_RESPONSE_SQL, [
        scope.citizenId,
        scope.key,
        result.status,
        JSON.stringify(result.body),
      ]);
    }
    return { ...result, replayed: false };
  });
}
