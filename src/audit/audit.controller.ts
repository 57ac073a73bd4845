import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Staff } from '../auth/auth.decorators';
import { AuditItem, AuditQuery, AuditQueryDto } from './audit-query';

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditQuery) {}

  @Get()
  @Staff('auditor', 'admin')
  @ApiOperation({
    summary:
      'Every recorded action by anyone (who, role, address, when, on what, before/after, why), newest first',
  })
  list(@Query() q: AuditQueryDto): Promise<{ items: AuditItem[]; nextCursor: string | null }> {
    return this.audit.list(q);
  }
}
