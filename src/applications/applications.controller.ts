import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Citizen, ClientIp, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import type { FormatLanguage } from '../common/format/format';
import { ReaderLanguage } from '../common/format/reader-language';
import { ApiIdempotencyKeyHeader, ApiUuidParam } from '../openapi/api-params';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { CitizenActionsService } from './citizen-actions.service';
import { CitizenApplicationsQuery } from './citizen-applications.query';
import { CancelApplicationDto, ListQueryDto, SupplementDto } from './dto/citizen-actions.dto';
import {
  ApplicationDto,
  ApplicationListDto,
  ApplicationStatusDto,
  RetriedPaymentDto,
  SubmittedApplicationDto,
  TimelineDto,
} from './dto/application-responses.dto';
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
  @ApiIdempotencyKeyHeader()
  @ApiCreatedResponse({ type: SubmittedApplicationDto, description: 'Created; a replay answers the same' })
  @ApiProblems(
    {
      status: 400,
      description: 'A field is not valid, or the Idempotency-Key header is missing or malformed.',
    },
    {
      status: 409,
      description: 'An open application for this licence exists, or this key is still in flight.',
    },
    {
      status: 422,
      description:
        'The records refuse it before any fee (`urn:problem:ineligible`: `checks` says which rule failed and what to do; ' +
        'nothing is charged), the photo is not usable, or this Idempotency-Key was used with a different request.',
    },
  )
  async create(
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: CreateApplicationDto,
    @ClientIp() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @ReaderLanguage() language: FormatLanguage,
  ) {
    const result = await this.submitter.submit(user, key, dto, ip, language);
    void reply.status(result.status);
    return result.body;
  }

  @Get()
  @ApiOperation({ summary: 'Your applications, newest first' })
  @ApiOkResponse({ type: ApplicationListDto })
  @ApiProblems(400)
  list(@CurrentUser() user: AuthUser, @Query() q: ListQueryDto, @ReaderLanguage() language: FormatLanguage) {
    return this.query.list(user, q.limit ?? 20, q.cursor, language);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your applications: status, checks, decision, licence, shipment' })
  @ApiUuidParam()
  @ApiOkResponse({ type: ApplicationDto })
  @ApiProblems({ status: 404, description: 'No such application of yours.' })
  get(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @ReaderLanguage() language: FormatLanguage,
  ) {
    return this.query.get(user, id, language);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: "The application's history as you may see it" })
  @ApiUuidParam()
  @ApiOkResponse({ type: TimelineDto })
  @ApiProblems({ status: 404, description: 'No such application of yours.' })
  timeline(@CurrentUser() user: AuthUser, @UuidParam('id') id: string) {
    return this.query.timeline(user, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel your application before a decision' })
  @ApiUuidParam()
  @ApiOkResponse({ type: ApplicationStatusDto })
  @ApiProblems(
    400,
    { status: 404, description: 'No such application of yours.' },
    {
      status: 409,
      description: 'The application can no longer be cancelled.',
    },
  )
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
  @ApiOperation({ summary: 'Answer a request for information (NEEDS_INFO); the checks run again' })
  @ApiUuidParam()
  @ApiOkResponse({ type: ApplicationStatusDto })
  @ApiProblems(
    400,
    { status: 404, description: 'No such application of yours.' },
    { status: 409, description: 'No information was asked for.' },
    { status: 422, description: 'The photo is not usable.' },
  )
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
  @ApiUuidParam()
  @ApiCreatedResponse({ type: RetriedPaymentDto })
  @ApiProblems(
    { status: 404, description: 'No such application of yours.' },
    { status: 409, description: 'Nothing to pay, a payment is under way, or the deadline has passed.' },
  )
  retryPayment(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @ClientIp() ip: string) {
    return this.actions.retryPayment(user, id, ip);
  }
}
