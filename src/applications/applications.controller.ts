import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Citizen, ClientIp, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import type { FormatLanguage } from '../common/format/format';
import { ReaderLanguage } from '../common/format/reader-language';
import { CitizenActionsService } from './citizen-actions.service';
import { CitizenApplicationsQuery } from './citizen-applications.query';
import { CancelApplicationDto, ListQueryDto, SupplementDto } from './dto/citizen-actions.dto';
import { CreateApplicationDto } from './dto/create-application.dto';
import { SubmitApplicationService } from './submit-application.service';
import { UuidParam } from '../common/input/uuid-param';

@ApiTags('citizen applications')
@Controller('api/v1/applications')
@Citizen()
export class ApplicationsController {
  constructor(
    private readonly submitter: SubmitApplicationService,
    private readonly actions: CitizenActionsService,
    private readonly query: CitizenApplicationsQuery,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Apply; the same Idempotency-Key and body replays the first response' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiCreatedResponse({ description: '{ id, reference, status, fee, payment }' })
  async create(
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: CreateApplicationDto,
    @ClientIp() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.submitter.submit(user, key, dto, ip);
    void reply.status(result.status);
    return result.body;
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: ListQueryDto, @ReaderLanguage() language: FormatLanguage) {
    return this.query.list(user, q.limit ?? 20, q.cursor, language);
  }

  @Get(':id')
  get(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @ReaderLanguage() language: FormatLanguage,
  ) {
    return this.query.get(user, id, language);
  }

  @Get(':id/timeline')
  timeline(@CurrentUser() user: AuthUser, @UuidParam('id') id: string) {
    return this.query.timeline(user, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: CancelApplicationDto,
    @ClientIp() ip: string,
  ) {
    return this.actions.cancel(user, id, dto.reason, ip);
  }

  @Post(':id/supplement')
  @HttpCode(200)
  supplement(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: SupplementDto,
    @ClientIp() ip: string,
  ) {
    return this.actions.supplement(user, id, dto, ip);
  }

  @Post(':id/payments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Start a new payment after a failed one, before the payment deadline' })
  retryPayment(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @ClientIp() ip: string) {
    return this.actions.retryPayment(user, id, ip);
  }
}
