import { Global, Module } from '@nestjs/common';
import { ApplicationActions } from './application-actions';

/** The one write path of applications, for every feature module. */
@Global()
@Module({ providers: [ApplicationActions], exports: [ApplicationActions] })
export class WorkflowModule {}
