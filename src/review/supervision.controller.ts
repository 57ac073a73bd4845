import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentUser, Staff } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { SupervisionService } from './supervision.service';
import { UuidParam } from '../common/input/uuid-param';

@ApiTags('staff')
@Controller('api/v1/staff')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  /** Breached deadlines and cases needing attention in the supervisor's province. */
  @Get('alerts')
  @Staff('supervisor', 'auditor', 'admin')
  @ApiQuery({ name: 'all', required: false, enum: ['true', 'false'] })
  alerts(@CurrentUser() user: AuthUser, @Query('all') all?: string) {
    return this.supervision.alerts(user, all === 'true');
  }

  @Post('alerts/:id/acknowledge')
  @HttpCode(200)
  @Staff('supervisor')
  acknowledge(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @ClientIp() ip: string) {
    return this.supervision.acknowledge(user, id, ip);
  }

  @Post('applications/:id/retry-checks')
  @HttpCode(200)
  @Staff('supervisor', 'admin')
  retryChecks(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @ClientIp() ip: string) {
    return this.supervision.retryChecks(user, id, ip);
  }
}
