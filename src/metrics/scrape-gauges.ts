import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { QueueRegistry } from '../queue/queue-registry';
import { StatsRepository } from '../stats/stats.repository';
import { APPLICATION_STATUSES } from '../workflow/application-workflow';
import { MetricsRegistry } from './metrics-registry';

/** The job states whose depth is worth an alert. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** A scrape must answer even when Redis or Postgres does not: give up on a source after this long. */
const COLLECT_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer in ${COLLECT_TIMEOUT_MS} ms`)),
      COLLECT_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Gauges read when Prometheus scrapes, from the shared stores, so any api process reports the same
 * global figures: queue depths from Redis, applications per state from the statistics rollup. A source
 * that fails leaves its gauge empty for that scrape and counts an error, instead of failing the scrape.
 */
@Injectable()
export class ScrapeGauges implements OnModuleInit {
  private readonly logger = new Logger(ScrapeGauges.name);

  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly queues: QueueRegistry,
    private readonly stats: StatsRepository,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const errors = new Counter({
      name: 'metrics_collect_errors_total',
      help: 'Scrapes in which a source of gauges could not be read',
      labelNames: ['collector'] as const,
      registers,
    });
    const guard = async (collector: string, work: () => Promise<void>) => {
      try {
        await work();
      } catch (error) {
        errors.inc({ collector });
        this.logger.warn({ err: error, collector }, 'Could not collect metrics');
      }
    };

    const queueJobs: Gauge<'queue' | 'state'> = new Gauge({
      name: 'bullmq_queue_jobs',
      help: 'Jobs in each queue by state (waiting, active, delayed, failed), read from Redis at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers,
      collect: () =>
        guard('queues', async () => {
          queueJobs.reset();
          const counts = await withTimeout(
            Promise.all(
              this.queues.all().map(async (q) => [q.name, await q.getJobCounts(...QUEUE_STATES)] as const),
            ),
            'Redis',
          );
          for (const [queue, byState] of counts) {
            for (const state of QUEUE_STATES) queueJobs.set({ queue, state }, byState[state] ?? 0);
          }
        }),
    });

    const applications: Gauge<'status'> = new Gauge({
      name: 'licence_applications',
      help: 'Applications in each state now, nationally (from the statistics rollup)',
      labelNames: ['status'] as const,
      registers,
      collect: () =>
        guard('applications', async () => {
          applications.reset();
          const rows = await withTimeout(this.stats.statesNow(null, APPLICATION_STATUSES), 'Postgres');
          const byStatus = new Map<string, number>(APPLICATION_STATUSES.map((s) => [s, 0]));
          for (const row of rows) byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.n);
          for (const [status, n] of byStatus) applications.set({ status }, n);
        }),
    });
  }
}
