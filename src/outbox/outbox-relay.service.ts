import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobsOptions } from 'bullmq';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import type { QueueName } from '../queue/queue-names';
import { QueueRegistry } from '../queue/queue-registry';

interface OutboxRow {
  id: string;
  queue: QueueName;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
  delay_ms: number;
}

const BATCH = 500;

/**
 * Moves committed outbox rows to BullMQ. Rows are locked with SKIP LOCKED, so several relays (one per
 * worker process) share the work; a row is deleted only after Redis accepted its job, in the same
 * transaction. If the process dies in between, the row is relayed again and the deterministic job id
 * makes the second add a no-op.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: QueueRegistry,
    private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let moved = 0;
      try {
        moved = await this.relayBatch();
      } catch (error) {
        this.logger.warn({ err: error }, 'Outbox relay failed; retrying');
        await sleep(Math.max(this.env.OUTBOX_POLL_MS, 1000));
      }
      if (moved < BATCH) await sleep(this.env.OUTBOX_POLL_MS);
    }
  }

  /** One batch: returns how many jobs were handed to Redis. */
  async relayBatch(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<OutboxRow[]>(
        `SELECT id, queue, job_name, job_id, payload, delay_ms FROM outbox ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      const byQueue = new Map<
        QueueName,
        { name: string; data: Record<string, unknown>; opts: JobsOptions }[]
      >();
      for (const row of rows) {
        const list = byQueue.get(row.queue) ?? [];
        list.push({
          name: row.job_name,
          data: row.payload,
          opts: { jobId: row.job_id, delay: row.delay_ms || undefined },
        });
        byQueue.set(row.queue, list);
      }
      for (const [queue, jobs] of byQueue) await this.queues.get(queue).addBulk(jobs);
      await tx.query(`DELETE FROM outbox WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
