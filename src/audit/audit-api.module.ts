import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditQuery } from './audit-query';

/** The auditors' read API (api role). The writer, AuditModule, is global and stays in every process. */
@Module({ controllers: [AuditController], providers: [AuditQuery] })
export class AuditApiModule {}
