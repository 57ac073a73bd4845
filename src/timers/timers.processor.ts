import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobKind } from '../queue/job-catalogue';
import { QUEUES } from '../queue/queue-names';
import { WorkerFactory } from '../queue/worker-factory';
import type { TimerJobData } from './timer-jobs';

/** One kind of timer on an application: what to do when it fires, and which are due (for the reconciler). */
export interface TimerKind {
  job: JobKind;
  /** Runs the timer; false when there was nothing (left) to do — early, repeated or stale. */
  fire: (applicationId: string) => Promise<boolean>;
  /** Applications whose timer is due now: the delayed job may have been lost with Redis. */
  due: () => Promise<string[]>;
}

/**
 * The timers queue carries delayed jobs (payment deadlines, review deadlines). Each kind is registered
 * by the module that owns it, before the worker starts; the worker takes exactly those job names.
 */
@Injectable()
export class TimersProcessor implements OnApplicationBootstrap {
  private readonly kinds = new Map<string, TimerKind>();

  constructor(private readonly workers: WorkerFactory) {}

  register(kind: TimerKind): void {
    this.kinds.set(kind.job.name, kind);
  }

  registered(): TimerKind[] {
    return [...this.kinds.values()];
  }

  onApplicationBootstrap(): void {
    const handlers = Object.fromEntries(
      this.registered().map((k) => [k.job.name, (job: Job<TimerJobData>) => k.fire(job.data.applicationId)]),
    );
    this.workers.create<TimerJobData>(QUEUES.timers, { handlers });
  }
}
