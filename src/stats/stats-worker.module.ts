import { Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { StatsRollup } from './stats-rollup';

/**
 * How often the statistics are folded. Reads are exact either way; folding keeps them short, and
 * readers count again every application the audit log names since the last fold.
 */
const FOLD_INTERVAL_MS = 5_000;

/**
 * Folds the statistics at start and then every few seconds, in the worker role. A timer, not a queued
 * job: it needs nothing from Redis, and what it folds (the audit log, the deltas) is all in Postgres.
 */
@Injectable()
export class StatsFoldTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StatsFoldTimer.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly rollup: StatsRollup) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running = this.rollup
        .fold()
        .then((folded) => {
          if (folded > 0) this.logger.debug({ folded }, 'Folded statistics deltas');
        })
        .catch((error: unknown) => this.logger.warn({ err: error }, 'Folding statistics failed; will retry'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, FOLD_INTERVAL_MS);
        });
    };
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}

@Module({ providers: [StatsRollup, StatsFoldTimer], exports: [StatsRollup] })
export class StatsWorkerModule {}
