import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Staff } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { AuditPageDto } from './audit-item.dto';
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
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblems(400)
  list(@Query() q: AuditQueryDto): Promise<{ items: AuditItem[]; nextCursor: string | null }> {
    return this.audit.list(q);
  }
}
