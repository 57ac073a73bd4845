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
 * Writes jobs to the outbox in the caller's transaction: the state change and the work it implies
 * commit together or not at all. The relay moves them to Redis.
 */
export async function addToOutbox(manager: EntityManager, jobs: OutboxJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const values: unknown[] = [];
  const rows = jobs.map((job) => {
    const b = values.length;
    values.push(
      job.queue,
      job.name,
      job.jobId,
      JSON.stringify(job.data),
      Math.max(0, Math.round(job.delayMs ?? 0)),
    );
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}::jsonb, $${b + 5}::int)`;
  });
  await manager.query(
    `INSERT INTO outbox (queue, job_name, job_id, payload, delay_ms) VALUES ${rows.join(', ')}`,
    values,
  );
}
