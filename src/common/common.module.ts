import { Global, Module } from '@nestjs/common';
import { Notifier } from '../notifications/notifier';
import { QueueRegistry } from '../queue/queue-registry';
import { Clock } from './clock';

/** Small services every feature uses: the clock, the citizen notifier, queues by name. */
@Global()
@Module({ providers: [Clock, Notifier, QueueRegistry], exports: [Clock, Notifier, QueueRegistry] })
export class CommonModule {}
