import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ClientIp, CurrentUser, Staff } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/errors/domain-error';
import type { FormatLanguage } from '../common/format/format';
import { ReaderLanguage } from '../common/format/reader-language';
import { CaseViewQuery } from './case-view.query';
import { ClaimsService } from './claims.service';
import { DecisionsService } from './decisions.service';
import { ApiUuidParam } from '../openapi/api-params';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ApproveDto, LicenceVerificationDto, RejectDto, RequestInfoDto } from './dto/decisions.dto';
import {
  ClaimedCaseDto,
  ApprovedCaseDto,
  DecidedCaseDto,
  NextCaseDto,
  ReleasedCaseDto,
  StaffCaseDto,
  WorkQueueDto,
} from './dto/staff-case-responses.dto';
import { WorkQueueQueryDto } from './dto/work-queue.dto';
import { ClaimNextDto } from './dto/claim-next.dto';
import { CasePhotoQuery } from './case-photo.query';
import { WorkQueueQuery } from './work-queue.query';
import { UuidParam } from '../common/input/uuid-param';

/** Aborts when the client goes away before its answer is sent, so a long wait claims nothing for nobody. */
function whileConnected(reply: FastifyReply): AbortSignal {
  const connection = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) connection.abort();
  });
  return connection.signal;
}

@ApiTags('staff')
@Controller('api/v1/staff/applications')
export class StaffCasesController {
  constructor(
    private readonly queue: WorkQueueQuery,
    private readonly caseView: CaseViewQuery,
    private readonly claims: ClaimsService,
    private readonly decisions: DecisionsService,
    private readonly photos: CasePhotoQuery,
  ) {}

  @Get()
  @Staff()
  @ApiOperation({ summary: "The work queue: your province's cases by due date" })
  @ApiOkResponse({ type: WorkQueueDto })
  @ApiProblems(400)
  list(@CurrentUser() user: AuthUser, @Query() q: WorkQueueQueryDto) {
    return this.queue.list(user, q);
  }

  @Post('claim-next')
  @HttpCode(200)
  @Staff('officer', 'supervisor')
  @ApiOperation({
    summary:
      'Take the next case: the waiting case due first that you may decide, claimed for you in one step (no list to read)',
  })
  @ApiOkResponse({ type: NextCaseDto, description: 'The case, now claimed by you.' })
  @ApiNoContentResponse({ description: 'No case is waiting for you.' })
  @ApiProblems(400)
  async claimNext(
    @CurrentUser() user: AuthUser,
    @Body() dto: ClaimNextDto,
    @ClientIp() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NextCaseDto | undefined> {
    const next = await this.claims.claimNext(user, dto, ip, whileConnected(reply));
    if (next) return next;
    void reply.status(204);
    return undefined;
  }

  @Get(':id')
  @Staff()
  @ApiOperation({
    summary: 'The whole case: record, licence, checks with evidence, payments, history (viewing is audited)',
  })
  @ApiUuidParam()
  @ApiOkResponse({ type: StaffCaseDto })
  @ApiProblems({ status: 404, description: 'No such case in your province.' })
  view(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @ClientIp() ip: string,
    @ReaderLanguage() language: FormatLanguage,
  ) {
    return this.caseView.view(user, id, ip, language);
  }

  @Get(':id/photo')
  @Staff()
  @ApiOperation({ summary: "The applicant's portrait photo" })
  @ApiUuidParam()
  @ApiProduces('image/jpeg', 'image/png')
  @ApiOkResponse({ description: 'The photo', schema: { type: 'string', format: 'binary' } })
  @ApiProblems({ status: 404, description: 'No such case in your province, or it has no photo.' })
  async photo(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Res() reply: FastifyReply) {
    const photo = await this.photos.find(user, id);
    if (!photo) throw notFound('Photo');
    void reply
      .header('content-type', photo.contentType)
      .header('cache-control', 'private, no-store')
      .send(photo.bytes);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Staff('officer', 'supervisor')
  @ApiOperation({
    summary: 'Claim the case: you alone may act on it until you release it or the claim lapses',
  })
  @ApiUuidParam()
  @ApiOkResponse({ type: ClaimedCaseDto })
  @ApiProblems(
    { status: 404, description: 'No such case in your province.' },
    { status: 409, description: 'Claimed by someone else, or nothing to claim.' },
  )
  claim(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @ClientIp() ip: string) {
    return this.claims.claim(user, id, ip);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Staff('officer', 'supervisor')
  @ApiOperation({ summary: 'Release your claim' })
  @ApiUuidParam()
  @ApiOkResponse({ type: ReleasedCaseDto })
  @ApiProblems(
    { status: 404, description: 'No such case in your province.' },
    { status: 409, description: 'You do not hold the claim.' },
  )
  release(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @ClientIp() ip: string) {
    return this.claims.release(user, id, ip);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Staff('officer', 'supervisor')
  @ApiOperation({
    summary:
      'Approve the case (four eyes: not your own licence); with `takeNext`, take your next case in the same step',
  })
  @ApiUuidParam()
  @ApiOkResponse({ type: ApprovedCaseDto })
  @ApiProblems(
    400,
    { status: 404, description: 'No such case in your province.' },
    {
      status: 409,
      description:
        'A stale version, a case not claimed by you, or not awaiting a decision (`currentVersion`).',
    },
  )
  approve(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: ApproveDto,
    @ClientIp() ip: string,
  ) {
    return this.decisions.approve(user, id, dto.version, dto.note, ip, dto.takeNext ?? null);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Staff('officer', 'supervisor')
  @ApiOperation({ summary: 'Refuse the case with a reason the citizen is shown' })
  @ApiUuidParam()
  @ApiOkResponse({ type: DecidedCaseDto })
  @ApiProblems(
    400,
    { status: 404, description: 'No such case in your province.' },
    {
      status: 409,
      description:
        'A stale version, a case not claimed by you, or not awaiting a decision (`currentVersion`).',
    },
  )
  reject(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: RejectDto,
    @ClientIp() ip: string,
  ) {
    return this.decisions.reject(user, id, dto, ip);
  }

  @Post(':id/request-info')
  @HttpCode(200)
  @Staff('officer', 'supervisor')
  @ApiOperation({ summary: 'Ask the citizen for information (NEEDS_INFO)' })
  @ApiUuidParam()
  @ApiOkResponse({ type: DecidedCaseDto })
  @ApiProblems(
    400,
    { status: 404, description: 'No such case in your province.' },
    {
      status: 409,
      description:
        'A stale version, a case not claimed by you, or not awaiting a decision (`currentVersion`).',
    },
  )
  requestInfo(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: RequestInfoDto,
    @ClientIp() ip: string,
  ) {
    return this.decisions.requestInfo(user, id, dto, ip);
  }

  @Post(':id/verify-licence')
  @HttpCode(200)
  @Staff('officer', 'supervisor')
  @ApiUuidParam()
  @ApiOkResponse({ type: DecidedCaseDto })
  @ApiProblems(
    400,
    { status: 404, description: 'No such case in your province.' },
    {
      status: 409,
      description:
        'Stale version, not your claim, not waiting for verification, or the licence is still not in the register.',
    },
  )
  @ApiOperation({
    summary:
      "Record the issuing office's answer on a licence missing from the register: confirmed (checks run again) or not (refused, fee refunded)",
  })
  verifyLicence(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') id: string,
    @Body() dto: LicenceVerificationDto,
    @ClientIp() ip: string,
  ) {
    return this.decisions.recordVerification(user, id, dto, ip);
  }
}
