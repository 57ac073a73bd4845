import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { ALL_QUEUES, QueueName } from './queue-names';

/** Looks queues up by name, for code that routes work to a queue chosen at run time. */
@Injectable()
export class QueueRegistry {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly moduleRef: ModuleRef) {}

  /** Resolved on first use: the queues are created asynchronously, after this registry. */
  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      if (!ALL_QUEUES.includes(name)) throw new Error(`Unknown queue ${name}`);
      queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.set(name, queue);
    }
    return queue;
  }

  all(): Queue[] {
    return ALL_QUEUES.map((name) => this.get(name));
  }
}
