import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';

/** One kind of work Postgres says is pending: re-queue whatever Redis no longer has; returns how many. */
export interface ReconcileSource {
  name: string;
  run(): Promise<number>;
}

const RECONCILER_LOCK = 724_311_002;

/**
 * Redis may lose everything (ours keeps nothing on disk). Postgres is the truth, so this compares the two
 * at start and every RECONCILE_INTERVAL_SECONDS and re-queues what is missing, with the same
 * deterministic job ids the relay uses — a job that still exists is not added twice. One reconciler
 * works at a time across all processes (advisory lock).
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private readonly sources: ReconcileSource[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<Record<string, number>>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: Environment,
  ) {}

  register(source: ReconcileSource): void {
    this.sources.push(source);
  }

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running = this.reconcileOnce().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'Reconciliation failed; will retry');
        return {};
      });
      void this.running.then(() => {
        if (this.timer !== null) this.timer = setTimeout(tick, this.env.RECONCILE_INTERVAL_SECONDS * 1000);
      });
    };
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = null as unknown as undefined;
    await this.running;
  }

  /** One pass over every source; returns the count each re-queued (empty when another process holds the lock). */
  async reconcileOnce(): Promise<Record<string, number>> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [
        RECONCILER_LOCK,
      ])) as { locked: boolean }[];
      if (!locked) return {};
      try {
        const counts: Record<string, number> = {};
        for (const source of this.sources) counts[source.name] = await source.run();
        const repaired = Object.entries(counts).filter(([, n]) => n > 0);
        if (repaired.length) this.logger.log({ counts }, 'Reconciled work missing from the queues');
        return counts;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [RECONCILER_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }
}
