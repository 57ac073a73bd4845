import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES } from '../queue/queue-names';
import { WorkerFactory } from '../queue/worker-factory';
import { PaymentExpiryService } from './payment-expiry.service';

export type TimerHandler = (data: Record<string, unknown>) => Promise<unknown>;

/**
 * The timers queue carries delayed jobs (payment deadlines, review-deadline reminders). Each job name
 * maps to one handler; other modules register theirs.
 */
@Injectable()
export class TimersProcessor implements OnApplicationBootstrap {
  private readonly handlers = new Map<string, TimerHandler>();

  constructor(
    private readonly workers: WorkerFactory,
    expiry: PaymentExpiryService,
  ) {
    this.register('expire-payment', (data) => expiry.expire(String(data.applicationId)));
  }

  register(name: string, handler: TimerHandler): void {
    this.handlers.set(name, handler);
  }

  onApplicationBootstrap(): void {
    this.workers.create<Record<string, unknown>>(QUEUES.timers, (job) => this.process(job));
  }

  process(job: Job<Record<string, unknown>>): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`No handler for timer job "${job.name}"`);
    return handler(job.data);
  }
}
