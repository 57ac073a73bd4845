import { EntityManager } from 'typeorm';
import type { QueueName } from '../queue/queue-names';

/** A job to put on a queue once the transaction that wrote it commits. */
export interface OutboxJob {
  queue: QueueName;
  name: string;
  /** Deterministic (from the work's identity), so a job relayed twice is one job; no ':' allowed. */
  jobId: string;
  data: Record<string, unknown>;
  delayMs?: number;
}

/**
 * The outbox insert for jobs given as five arrays from parameter `$first` on (outboxArrays): one
 * statement text whatever the number of jobs, and a fragment other statements can end with.
 */
export const outboxInsertFrom = (first: number): string => {
  const p = (i: number, type: string) => `$${first + i}::${type}[]`;
  return `INSERT INTO outbox (queue, job_name, job_id, payload, delay_ms)
    SELECT * FROM unnest(${p(0, 'text')}, ${p(1, 'text')}, ${p(2, 'text')}, ${p(3, 'jsonb')}, ${p(4, 'int')})`;
};

/** The jobs as the five parameters outboxInsertFrom reads. */
export const outboxArrays = (jobs: OutboxJob[]): unknown[] => [
  jobs.map((j) => j.queue),
  jobs.map((j) => j.name),
  jobs.map((j) => j.jobId),
  jobs.map((j) => JSON.stringify(j.data)),
  jobs.map((j) => Math.max(0, Math.round(j.delayMs ?? 0))),
];

/**
 * Writes jobs to the outbox in the caller's transaction: the state change and the work it implies
 * commit together or not at all. The relay moves them to Redis.
 */
export async function addToOutbox(manager: EntityManager, jobs: OutboxJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await manager.query(outboxInsertFrom(1), outboxArrays(jobs));
}
