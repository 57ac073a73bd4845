import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CitizenActionsService } from '../../applications/citizen-actions.service';
import { CitizenApplicationsQuery } from '../../applications/citizen-applications.query';
import { ClientIp, CurrentUser } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/auth-user';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { FieldProblem, FormValues, pickFields } from '../http/form-errors';
import { languageOf, PageRenderer } from '../http/page-renderer';
import { WebController } from '../http/web-controller';
import { CsrfVerifier, MultipartForm } from '../session/csrf';
import { readMultipartForm } from '../session/multipart-form';
import { CitizenPage, WebRequest } from '../session/web-auth.guard';
import { CitizenPagesRepository } from './citizen-pages.repository';
import { finesOf } from './fines-view';
import { Supplements } from './supplements';
import {
  checkLines,
  decisionReason,
  messageLines,
  nextActions,
  showsReviewDeadline,
  timelineLines,
} from './status-view';
import { UuidParam } from '../../common/input/uuid-param';

/** The citizen's applications: the list, the status page, and what can be done from it. */
@WebController('applications')
@CitizenPage()
export class ApplicationsPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly query: CitizenApplicationsQuery,
    private readonly actions: CitizenActionsService,
    private readonly citizenPages: CitizenPagesRepository,
    private readonly supplements: Supplements,
    private readonly csrf: CsrfVerifier,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@CurrentUser() user: AuthUser, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const { items } = await this.query.list(user, 50);
    return this.pages.render(request, reply, 'citizen/applications', {
      titleKey: 'applications.title',
      items,
    });
  }

  @Get(':id')
  status(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @UuidParam('id') id: string,
  ) {
    return this.renderStatus(user, id, request, reply);
  }

  @Get(':id/cancel')
  async cancelPage(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @UuidParam('id') id: string,
  ) {
    const application = await this.query.get(user, id);
    return this.pages.render(request, reply, 'citizen/cancel', { titleKey: 'cancel.title', application });
  }

  @Post(':id/cancel')
  async cancel(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @UuidParam('id') id: string,
    @Body() body: unknown,
    @ClientIp() ip: string,
  ) {
    const { reason } = pickFields(body, ['reason']);
    try {
      await this.actions.cancel(user, id, reason.slice(0, 500) || undefined, ip);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'CONFLICT')) throw error;
      const errors = [{ field: 'cancel', key: 'cancel.errors.tooLate', href: '#status' }];
      return this.renderStatus(user, id, request, reply, { errors }, 409);
    }
    return this.pages.redirect(reply, `/applications/${id}?cancelled=1`);
  }

  /** After a failed payment: a new payment request, and on to the payment page. */
  @Post(':id/pay')
  async payAgain(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @UuidParam('id') id: string,
    @ClientIp() ip: string,
  ) {
    try {
      const { payment } = await this.actions.retryPayment(user, id, ip);
      return this.pages.redirect(reply, `/pay/${payment.id}`);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'CONFLICT')) throw error;
      const errors = [{ field: 'pay', key: 'status.errors.cannotPay', href: '#status' }];
      return this.renderStatus(user, id, request, reply, { errors }, 409);
    }
  }

  /** The answer to a request for information: a message, and a new certificate number or photo if asked. */
  @Post(':id/supplement')
  @MultipartForm()
  async supplement(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @UuidParam('id') id: string,
    @ClientIp() ip: string,
  ) {
    const form = await readMultipartForm(request, reply, this.csrf, 'photo').catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'PAYLOAD_TOO_LARGE') return null;
      throw error;
    });
    const values = pickFields(form?.fields ?? {}, ['message', 'healthCertificateNumber']);
    const errors = form
      ? await this.supplements.answer(user, id, values, form.file, ip)
      : [{ field: 'photo', key: 'apply.photo.errors.tooLarge' }];
    if (!errors.length) return this.pages.redirect(reply, `/applications/${id}?answered=1`);
    return this.renderStatus(user, id, request, reply, { errors, values }, 400);
  }

  private async renderStatus(
    user: AuthUser,
    id: string,
    request: WebRequest,
    reply: FastifyReply,
    form: { errors?: FieldProblem[]; values?: FormValues } = {},
    status = 200,
  ) {
    const application = await this.query.get(user, id, languageOf(request));
    const [timeline, messages, deliveryEvents, pendingPaymentId] = await Promise.all([
      this.query.timeline(user, id),
      this.citizenPages.messages(user.id, id),
      this.citizenPages.deliveryEvents(user.id, id),
      this.citizenPages.pendingPaymentOf(user.id, id),
    ]);
    const query = request.query as Record<string, unknown>;
    return this.pages.render(
      request,
      reply,
      'citizen/status',
      {
        titleKey: 'status.title',
        titleParams: { reference: application.reference },
        application,
        checks: checkLines(application),
        fines: finesOf(application.checks),
        actions: nextActions(application, pendingPaymentId, this.clock.now()),
        pendingPaymentId,
        showDeadline: showsReviewDeadline(application),
        decision: decisionReason(application),
        timeline: timelineLines(timeline.items),
        messages: messageLines(messages, languageOf(request)),
        officeRequest: messages.filter((m) => m.kind === 'REQUEST_INFO').pop()?.body ?? null,
        deliveryEvents,
        notice: query.cancelled === '1' ? 'cancelled' : query.answered === '1' ? 'answered' : null,
        ...form,
      },
      status,
    );
  }
}
