import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentUser, Staff } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiUuidParam } from '../openapi/api-params';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { AcknowledgedAlertDto, CaseStatusDto, StaffAlertListDto } from './dto/staff-case-responses.dto';
import { SupervisionService } from './supervision.service';
import { UuidParam } from '../common/input/uuid-param';

@ApiTags('staff')
@Controller('api/v1/staff')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  /** Breached deadlines and cases needing attention in the supervisor's province. */
  @Get('alerts')
  @Staff('supervisor', 'auditor', 'admin')
  @ApiOperation({ summary: 'Open alerts in your province (all=true: acknowledged ones too)' })
  @ApiQuery({ name: 'all', required: false, enum: ['true', 'false'] })
  @ApiOkResponse({ type: StaffAlertListDto })
  alerts(@CurrentUser() user: AuthUser, @Query('all') all?: string) {
    return this.supervision.alerts(user, all === 'true');
  }

  @Post('alerts/:id/acknowledge')
  @HttpCode(200)
  @Staff('supervisor')
  @ApiOperation({ summary: 'Acknowledge an alert' })
  @ApiUuidParam()
  @ApiOkResponse({ type: AcknowledgedAlertDto })
  @ApiProblems({ status: 404, description: 'No such alert in your province.' })
  acknowledge(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @ClientIp() ip: string) {
    return this.supervision.acknowledge(user, id, ip);
  }

  @Post('applications/:id/retry-checks')
  @HttpCode(200)
  @Staff('supervisor', 'admin')
  @ApiOperation({
    summary: 'Run the checks again for a case that needs attention (NEEDS_ATTENTION → CHECKING)',
  })
  @ApiUuidParam()
  @ApiOkResponse({ type: CaseStatusDto })
  @ApiProblems(
    { status: 404, description: 'No such case in your province.' },
    { status: 409, description: 'The case does not need attention.' },
  )
  retryChecks(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @ClientIp() ip: string) {
    return this.supervision.retryChecks(user, id, ip);
  }
}
