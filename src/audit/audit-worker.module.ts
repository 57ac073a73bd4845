import { Module } from '@nestjs/common';
import { AuditCheckpointTimer } from './checkpoints/audit-checkpoint.timer';

/** The worker role's part of the audit log: signed checkpoints of every chain's head, on a timer. */
@Module({ providers: [AuditCheckpointTimer] })
export class AuditWorkerModule {}
