import { Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Job, Worker, WorkerOptions } from 'bullmq';
import { Environment } from '../config/environment';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { jobNamesOf } from './job-catalogue';
import type { QueueName } from './queue-names';
import { redisOptionsFromUrl } from './redis-options';

export type JobHandler<T> = (job: Job<T>) => Promise<unknown>;

export interface WorkerSpec<T> {
  /** One handler per job name; every name declared for the queue (job-catalogue) must have one. */
  handlers: Record<string, JobHandler<T>>;
  /**
   * After a job's last attempt failed: mark the work as needing a person. If this fails too, it is
   * logged, and the queue's reconcile source finds the failed job and tries again.
   */
  onFinalFailure?: (job: Job<T>, error: Error) => Promise<unknown>;
  options?: Partial<WorkerOptions>;
}

/**
 * Creates the BullMQ workers of this process with settings from the configuration, and closes them on
 * shutdown: close() stops taking jobs and waits for the running ones to finish. A worker refuses to
 * start when a job name declared for its queue has no handler.
 */
@Injectable()
export class WorkerFactory implements OnApplicationShutdown {
  private readonly logger = new Logger(WorkerFactory.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly env: Environment,
    @Optional() private readonly metrics?: MetricsRegistry,
  ) {}

  create<T>(queue: QueueName, spec: WorkerSpec<T>): Worker<T> {
    const unhandled = jobNamesOf(queue).filter((name) => !spec.handlers[name]);
    if (unhandled.length) {
      throw new Error(
        `The ${queue} worker has no handler for job ${unhandled.map((n) => `"${n}"`).join(', ')}`,
      );
    }
    const dispatch = (job: Job<T>) => {
      const handler = spec.handlers[job.name];
      if (!handler) throw new Error(`No handler for ${queue} job "${job.name}"`);
      return handler(job);
    };
    const worker = new Worker<T>(queue, dispatch, {
      connection: redisOptionsFromUrl(this.env.REDIS_URL),
      prefix: this.env.QUEUE_PREFIX,
      concurrency: this.env.WORKER_CONCURRENCY,
      lockDuration: this.env.JOB_LOCK_MS,
      stalledInterval: Math.max(1000, Math.floor(this.env.JOB_LOCK_MS / 2)),
      maxStalledCount: 3,
      ...spec.options,
    });
    worker.on('error', (error) => this.logger.warn({ err: error, queue }, 'Worker connection error'));
    worker.on('failed', (job, error) => {
      this.logger.warn({ err: error, queue, jobId: job?.id, attempt: job?.attemptsMade }, 'Job failed');
      if (job && spec.onFinalFailure && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        spec
          .onFinalFailure(job, error)
          .catch((e: unknown) =>
            this.logger.error({ err: e, queue, jobId: job.id }, 'Could not record the final failure'),
          );
      }
    });
    // Job durations per queue, for /metrics (served only where this process also serves HTTP).
    worker.on('completed', (job) => this.metrics?.observeJob(queue, 'completed', job));
    worker.on('failed', (job) => job && this.metrics?.observeJob(queue, 'failed', job));
    this.workers.push(worker as Worker);
    return worker;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
