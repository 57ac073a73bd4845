import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { Environment } from '../config/environment';
import { JOB_BACKOFF_MS } from './job-backoff';
import { ALL_QUEUES } from './queue-names';
import { redisOptionsFromUrl } from './redis-options';

/**
 * Registers the BullMQ connection and every queue. Producers (the outbox relay, the reconciler)
 * run in any process; consumers are registered only by the worker modules.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        connection: redisOptionsFromUrl(env.REDIS_URL),
        prefix: env.QUEUE_PREFIX,
        defaultJobOptions: {
          attempts: env.JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: JOB_BACKOFF_MS },
          removeOnComplete: { age: 3600, count: 1000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  exports: [BullModule],
})
export class QueueModule {}
