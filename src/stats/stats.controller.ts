import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Staff } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { PublicStatsQueryDto, StatsQueryDto } from './dto/stats-query.dto';
import { PublicStatsReportDto, StaffStatsReportDto } from './dto/stats-report.dto';
import type { PublicStatsReport, StaffStatsReport } from './stats-report';
import { StatsService } from './stats.service';

@ApiTags('statistics')
@Controller('api/v1/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get()
  @Staff()
  @ApiOperation({
    summary:
      'Counts per province and day, processing times and deadline compliance (own province for officers)',
  })
  @ApiOkResponse({ type: StaffStatsReportDto })
  @ApiProblems(400, { status: 403, description: 'Another province than yours (officers and supervisors).' })
  report(@CurrentUser() user: AuthUser, @Query() q: StatsQueryDto): Promise<StaffStatsReport> {
    return this.stats.staffReport(user, q);
  }

  @Get('public')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'The national figures the ministry publishes, per province (no sign-in)' })
  @ApiOkResponse({ type: PublicStatsReportDto })
  @ApiProblems(400)
  publicReport(@Query() q: PublicStatsQueryDto): Promise<PublicStatsReport> {
    return this.stats.publicReport(q);
  }
}
