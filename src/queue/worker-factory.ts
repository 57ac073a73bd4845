import { Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Job, Worker, WorkerOptions } from 'bullmq';
import { Environment } from '../config/environment';
import { MetricsRegistry } from '../metrics/metrics-registry';
import type { QueueName } from './queue-names';
import { redisOptionsFromUrl } from './redis-options';

export type JobHandler<T> = (job: Job<T>) => Promise<unknown>;

/**
 * Creates the BullMQ workers of this process with settings from the configuration, and closes them on
 * shutdown: close() stops taking jobs and waits for the running ones to finish.
 */
@Injectable()
export class WorkerFactory implements OnApplicationShutdown {
  private readonly logger = new Logger(WorkerFactory.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly env: Environment,
    @Optional() private readonly metrics?: MetricsRegistry,
  ) {}

  create<T>(queue: QueueName, handler: JobHandler<T>, options: Partial<WorkerOptions> = {}): Worker<T> {
    const worker = new Worker<T>(queue, handler, {
      connection: redisOptionsFromUrl(this.env.REDIS_URL),
      prefix: this.env.QUEUE_PREFIX,
      concurrency: this.env.WORKER_CONCURRENCY,
      lockDuration: this.env.JOB_LOCK_MS,
      stalledInterval: Math.max(1000, Math.floor(this.env.JOB_LOCK_MS / 2)),
      maxStalledCount: 3,
      ...options,
    });
    worker.on('error', (error) => this.logger.warn({ err: error, queue }, 'Worker connection error'));
    worker.on('failed', (job, error) =>
      this.logger.warn({ err: error, queue, jobId: job?.id, attempt: job?.attemptsMade }, 'Job failed'),
    );
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
