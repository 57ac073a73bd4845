import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { BatchLoader } from '../common/batch-loader';
import { batchOrOneByOne, Settled, unwrap } from '../common/batch-or-one-by-one';
import { Environment } from '../config/environment';
import type { JobKind } from '../queue/job-catalogue';
import { QUEUES } from '../queue/queue-names';
import { WorkerFactory } from '../queue/worker-factory';
import type { TimerJobData } from './timer-jobs';

/** One kind of timer on an application: what to do when it fires, and which are due (for the reconciler). */
export interface TimerKind {
  job: JobKind;
  /**
   * Runs the timers of these applications together, in one transaction with set-based statements;
   * answers the (lower-case) ids it did something for — the others were early, repeated or stale.
   */
  fire: (applicationIds: string[]) => Promise<Set<string>>;
  /** Applications whose timer is due now: the delayed job may have been lost with Redis. */
  due: () => Promise<string[]>;
}

/**
 * Fires a kind's timers for many applications at once; if the batch fails, each alone, so one
 * application's error is its own. Answers, per id, whether its timer did something.
 */
export function fireTimers(
  kind: TimerKind,
  ids: string[],
): Promise<Map<string, Settled<boolean | undefined>>> {
  return batchOrOneByOne(ids, async (some) => {
    const fired = await kind.fire(some);
    return new Map(some.map((id) => [id, fired.has(id.toLowerCase())]));
  });
}

/**
 * The timers queue carries delayed jobs (payment deadlines, review deadlines). Each kind is registered
 * by the module that owns it, before the worker starts; the worker takes exactly those job names.
 * Jobs of a kind that fire at the same time are run together (fireTimers).
 */
@Injectable()
export class TimersProcessor implements OnApplicationBootstrap {
  private readonly kinds = new Map<string, TimerKind>();

  constructor(
    private readonly workers: WorkerFactory,
    private readonly env: Environment,
  ) {}

  register(kind: TimerKind): void {
    this.kinds.set(kind.job.name, kind);
  }

  registered(): TimerKind[] {
    return [...this.kinds.values()];
  }

  onApplicationBootstrap(): void {
    const handlers = Object.fromEntries(
      this.registered().map((kind) => {
        const batch = new BatchLoader((ids: string[]) => fireTimers(kind, ids), {
          maxBatch: Math.max(this.env.WORKER_CONCURRENCY, 1),
          waitMs: this.env.BATCH_WAIT_MS,
        });
        const handler = async (job: Job<TimerJobData>) =>
          unwrap(await batch.load(job.data.applicationId)) ?? false;
        return [kind.job.name, handler];
      }),
    );
    this.workers.create<TimerJobData>(QUEUES.timers, { handlers });
  }
}
