import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClientIp, CurrentUser } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/auth-user';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { CaseViewQuery } from '../../review/case-view.query';
import { ClaimsService } from '../../review/claims.service';
import { DecisionsService } from '../../review/decisions.service';
import type { RejectionReason } from '../../review/dto/decisions.dto';
import { CasePhotoQuery } from '../../review/case-photo.query';
import { FieldProblem, FormValues, pickFields } from '../http/form-errors';
import { languageOf, PageRenderer } from '../http/page-renderer';
import { provinceName } from '../i18n/province-names';
import { Translator } from '../i18n/translator';
import { evidenceFields } from './evidence-view';
import { WebController } from '../http/web-controller';
import { StaffPage, WebRequest } from '../session/web-auth.guard';
import {
  CaseAction,
  DECISION_FIELDS,
  REJECTION_CODES,
  refusalKey,
  rejectProblems,
  requestInfoProblems,
  versionOf,
  verifyProblems,
} from './case-forms';
import { UuidParam } from '../../common/input/uuid-param';

const DONE: Record<CaseAction, string> = {
  claim: 'claimed',
  release: 'released',
  approve: 'approved',
  reject: 'rejected',
  'request-info': 'asked',
  verify: 'verified',
};

type CaseView = Awaited<ReturnType<CaseViewQuery['view']>>;

/** The case page: everything needed to decide, and the claim and decision forms. */
@WebController('staff/cases')
@StaffPage()
export class CaseController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly caseView: CaseViewQuery,
    private readonly claims: ClaimsService,
    private readonly decisions: DecisionsService,
    private readonly photos: CasePhotoQuery,
    private readonly translator: Translator,
  ) {}

  @Get(':id')
  page(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @UuidParam('id') id: string,
    @Query('done') done: unknown,
  ) {
    const notice = Object.values(DONE).includes(String(done)) ? String(done) : null;
    return this.render(user, id, request, reply, { notice });
  }

  @Get(':id/photo')
  async photo(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Res() reply: FastifyReply) {
    const photo = await this.photos.find(user, id);
    if (!photo) throw notFound('Photo');
    void reply
      .header('content-type', photo.contentType)
      .header('cache-control', 'private, no-store')
      .send(photo.bytes);
  }

  @Post(':id/:action')
  @StaffPage('officer', 'supervisor')
  async act(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @UuidParam('id') id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @ClientIp() ip: string,
  ) {
    if (!(action in DONE)) throw notFound('Page');
    const act = action as CaseAction;
    const values = pickFields(body, DECISION_FIELDS);
    const problems = this.formProblems(act, values);
    if (problems.length)
      return this.render(user, id, request, reply, { errors: problems, values, open: act }, 400);
    try {
      await this.perform(act, user, id, values, ip);
    } catch (error) {
      if (
        !(error instanceof DomainError) ||
        !['STALE_VERSION', 'CONFLICT', 'FORBIDDEN'].includes(error.code)
      ) {
        throw error;
      }
      return this.render(user, id, request, reply, { refusal: error, action: act, values, open: act }, 409);
    }
    return this.pages.redirect(reply, `/staff/cases/${id}?done=${DONE[act]}`);
  }

  private formProblems(action: CaseAction, values: FormValues): FieldProblem[] {
    const needsVersion = action !== 'claim' && action !== 'release';
    if (needsVersion && versionOf(values) === null) return [{ field: 'version', key: 'case.errors.stale' }];
    if (action === 'reject') return rejectProblems(values);
    if (action === 'request-info') return requestInfoProblems(values);
    if (action === 'verify') return verifyProblems(values);
    return [];
  }

  private async perform(action: CaseAction, user: AuthUser, id: string, v: FormValues, ip: string) {
    const version = versionOf(v) ?? 0;
    switch (action) {
      case 'claim':
        return this.claims.claim(user, id, ip);
      case 'release':
        return this.claims.release(user, id, ip);
      case 'approve':
        return this.decisions.approve(user, id, version, undefined, ip);
      case 'reject':
        return this.decisions.reject(
          user,
          id,
          { version, reasonCode: v.reasonCode as RejectionReason, note: v.note },
          ip,
        );
      case 'request-info':
        return this.decisions.requestInfo(user, id, { version, message: v.message }, ip);
      case 'verify':
        return this.decisions.recordVerification(
          user,
          id,
          { version, confirmed: v.confirmed === 'yes', note: v.note },
          ip,
        );
    }
  }

  /** Each check's evidence as labelled fields in the officer's language. */
  private evidenceOf(view: CaseView, request: WebRequest) {
    const language = languageOf(request);
    const text = {
      language,
      lookup: (key: string) =>
        this.translator.has(language, key) ? this.translator.translate(language, key) : null,
      provinceName,
    };
    return view.checks.map((check) => evidenceFields(check.rule, check.evidence, text));
  }

  private async render(
    user: AuthUser,
    id: string,
    request: WebRequest,
    reply: FastifyReply,
    extra: {
      notice?: string | null;
      errors?: FieldProblem[];
      values?: FormValues;
      refusal?: DomainError;
      action?: CaseAction;
      open?: CaseAction;
    },
    status = 200,
  ) {
    const view: CaseView = await this.caseView.view(user, id, request.ip);
    const applicant = view.applicant as { nationalId?: string } | null;
    const refusal = extra.refusal
      ? refusalKey(
          extra.refusal,
          extra.action ?? 'claim',
          { claim: view.claim, outcome: view.outcome, applicantNationalId: applicant?.nationalId ?? null },
          user,
        )
      : null;
    return this.pages.render(
      request,
      reply,
      'staff/case',
      {
        titleKey: 'case.title',
        titleParams: { reference: view.reference },
        c: view,
        evidence: this.evidenceOf(view, request),
        heldByMe: view.claim?.holder === user.id,
        canDecide: user.role === 'officer' || user.role === 'supervisor',
        rejectionOptions: REJECTION_CODES.map((value) => ({ value, label: `rejection.${value}` })),
        verifyOptions: [
          { value: 'yes', label: 'case.verify.confirmed.yes' },
          { value: 'no', label: 'case.verify.confirmed.no' },
        ],
        notice: extra.notice ?? null,
        refusal,
        errors: extra.errors ?? (refusal ? [{ field: 'case-actions', key: refusal }] : []),
        values: { ...extra.values, version: String(view.version) },
        open: extra.open ?? null,
      },
      status,
    );
  }
}
