import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * This process's Prometheus registry and the metrics other code feeds: HTTP requests (the api role's
 * onResponse hook) and job durations (every BullMQ worker, via WorkerFactory). One registry per
 * application instance, so two apps in one process (tests) never share or clash.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'bullmq_job_duration_seconds',
    help: 'Time a job ran in this worker process (processedOn to finishedOn), by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Records a finished job; a job without both timestamps (lost before it ran) is not a duration. */
  observeJob(
    queue: string,
    outcome: 'completed' | 'failed',
    job: Pick<Job, 'processedOn' | 'finishedOn'>,
  ): void {
    if (job.processedOn === undefined || job.finishedOn === undefined) return;
    this.jobDuration.observe({ queue, outcome }, Math.max(0, job.finishedOn - job.processedOn) / 1000);
  }
}
