import { Global, Module } from '@nestjs/common';
import { OutboxRelay } from '../outbox/outbox-relay.service';
import { WorkerFactory } from '../queue/worker-factory';
import { Reconciler } from './reconciler.service';

/** The worker role's plumbing: the outbox relay, the reconciler, and the factory of queue workers. */
@Global()
@Module({
  providers: [OutboxRelay, Reconciler, WorkerFactory],
  exports: [Reconciler, WorkerFactory, OutboxRelay],
})
export class ReconcilerModule {}
