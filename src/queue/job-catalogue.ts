import type { QueueName } from './queue-names';

/** One kind of job: the queue it goes on and its name there. */
export interface JobKind {
  queue: QueueName;
  name: string;
}

const catalogue = new Map<QueueName, Set<string>>();

/**
 * Declares a kind of job, beside its typed builder. The catalogue is what a worker checks its
 * handlers against at start: a job that could be queued but that no handler takes is refused then,
 * not discovered when the first such job fails.
 */
export function defineJob(queue: QueueName, name: string): JobKind {
  if (!catalogue.has(queue)) catalogue.set(queue, new Set());
  catalogue.get(queue)!.add(name);
  return { queue, name };
}

/** The job names declared for a queue (by the builders this process has loaded). */
export function jobNamesOf(queue: QueueName): string[] {
  return [...(catalogue.get(queue) ?? [])].sort();
}
