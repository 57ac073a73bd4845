import type { Queue } from 'bullmq';
import type { OutboxJob } from '../outbox/outbox';

/**
 * Adds jobs with their deterministic ids; BullMQ leaves a job that already exists alone, so this only
 * fills the gaps. Returns how many were missing.
 */
export async function requeue(queue: Queue, jobs: OutboxJob[]): Promise<number> {
  if (jobs.length === 0) return 0;
  const before = await Promise.all(jobs.map((j) => queue.getJobState(j.jobId)));
  const missing = jobs.filter((_, i) => before[i] === 'unknown');
  if (missing.length) {
    await queue.addBulk(
      missing.map((j) => ({ name: j.name, data: j.data, opts: { jobId: j.jobId, delay: j.delayMs } })),
    );
  }
  return missing.length;
}
