import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CitizenApplicationsQuery } from '../../applications/citizen-applications.query';
import { ClientIp, CurrentUser } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/auth-user';
import { Clock } from '../../common/clock';
import { feeFor } from '../../config/policy/fees';
import { ProvincesRepository } from '../../records/provinces.repository';
import { pickFields } from '../http/form-errors';
import { PageRenderer } from '../http/page-renderer';
import { WebController } from '../http/web-controller';
import { CitizenPage, WebRequest } from '../session/web-auth.guard';
import { ApplicationDraft, stepsFor } from './application-draft';
import { ApplyJourney, SubmissionProblem } from './apply-journey';
import { ApplySteps } from './apply-steps';
import { CitizenPagesRepository } from './citizen-pages.repository';
import type { FineLine } from './fines-view';
import { UuidParam } from '../../common/input/uuid-param';

/** Check your answers (submits once per page key), and the confirmation with the reference number. */
@WebController('apply')
@CitizenPage()
export class ApplyCheckController {
  constructor(
    private readonly steps: ApplySteps,
    private readonly journey: ApplyJourney,
    private readonly pages: PageRenderer,
    private readonly provinces: ProvincesRepository,
    private readonly applications: CitizenApplicationsQuery,
    private readonly citizenPages: CitizenPagesRepository,
    private readonly clock: Clock,
  ) {}

  @Get('check')
  async checkPage(@CurrentUser() user: AuthUser, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const draft = await this.steps.open('check', user, reply);
    if (!draft) return;
    const { problems, fines } = await this.journey.precheck(user);
    return this.renderCheck(draft, request, reply, problems, 200, problems.length > 0, fines);
  }

  @Post('check')
  async submit(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
    @ClientIp() ip: string,
  ) {
    const { submissionKey } = pickFields(body, ['submissionKey']);
    const stored = await this.journey.draft(user);
    if (stored.submitted?.key === submissionKey) {
      return this.pages.redirect(reply, `/apply/confirmation/${stored.submitted.applicationId}`);
    }
    const draft = await this.steps.open('check', user, reply);
    if (!draft) return;
    const outcome = await this.journey.submit(user, submissionKey, ip);
    if ('applicationId' in outcome) {
      return this.pages.redirect(reply, `/apply/confirmation/${outcome.applicationId}`);
    }
    const refused = outcome.problems.some((p) => p.key.startsWith('apply.check.refused.'));
    // A refusal lists the fines to pay, as the page did before the citizen pressed the button.
    const fines = refused ? (await this.journey.precheck(user)).fines : [];
    return this.renderCheck(draft, request, reply, outcome.problems, 400, refused, fines);
  }

  @Get('confirmation/:id')
  async confirmation(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @UuidParam('id') id: string,
  ) {
    const application = await this.applications.get(user, id);
    const paymentId =
      application.status === 'AWAITING_PAYMENT'
        ? await this.citizenPages.pendingPaymentOf(user.id, id)
        : null;
    return this.pages.render(request, reply, 'citizen/apply/confirmation', {
      titleKey: 'apply.confirmation.title',
      application,
      paymentId,
    });
  }

  private async renderCheck(
    draft: ApplicationDraft,
    request: WebRequest,
    reply: FastifyReply,
    problems: SubmissionProblem[],
    status = 200,
    refused = false,
    fines: FineLine[] = [],
  ) {
    const provinces = await this.provinces.list();
    const method = draft.delivery?.method ?? 'POST';
    return this.pages.render(
      request,
      reply,
      'citizen/apply/check',
      {
        titleKey: 'apply.check.title',
        errors: problems,
        draft,
        showHealth: stepsFor(draft).includes('health'),
        provinceName: provinces.find((p) => p.code === draft.delivery?.provinceCode)?.name ?? '',
        fee: feeFor(this.clock.today(), method),
        submissionKey: this.journey.newSubmissionKey(),
        refused,
        fines,
      },
      status,
    );
  }
}
