import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Environment } from '../../config/environment';
import { auditKeyFrom } from '../audit-hash';
import { AuditCheckpointStore, checkpointStoreFor } from './audit-checkpoint-store';
import { CheckpointRefused, writeAuditCheckpoint } from './write-audit-checkpoint';

/**
 * In worker processes: writes a checkpoint of the audit log whenever the newest one is older than
 * AUDIT_CHECKPOINT_INTERVAL_SECONDS (so restarts and several workers do not multiply them; the
 * writer's advisory lock keeps two from writing at once). Off when AUDIT_CHECKPOINT_DIR is unset.
 */
@Injectable()
export class AuditCheckpointTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditCheckpointTimer.name);
  private readonly store: AuditCheckpointStore | null;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: Environment,
  ) {
    this.store = checkpointStoreFor(env);
  }

  onApplicationBootstrap(): void {
    if (this.store) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Writes one if the newest is due; returns the milliseconds until the next is due. */
  async tick(): Promise<number> {
    const interval = this.env.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000;
    const store = this.store!;
    const newest = (await store.list().catch(() => [])).at(-1);
    const age = newest ? Date.now() - newest.createdAt.getTime() : Infinity;
    if (age < interval) return interval - age;
    const written = await writeAuditCheckpoint(this.db, store, auditKeyFrom(this.env.AUDIT_HMAC_KEY));
    if (written)
      this.logger.log(
        { checkpoint: store.locate(written.name), chains: written.chains, entries: written.entries },
        'Audit checkpoint written',
      );
    return interval;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: unknown) => {
          if (error instanceof CheckpointRefused) {
            // Tampering (or a changed key): an operator must look; keep trying at the usual pace.
            this.logger.error({ checkpoint: error.previous, problems: error.problems.length }, error.message);
            return this.env.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000;
          }
          this.logger.error({ err: error }, 'Audit checkpoint failed; will retry');
          return 60_000;
        })
        .then((next) => {
          if (!this.stopped) this.schedule(Math.max(1000, next));
        });
    }, delayMs);
  }
}
