import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { APPLICATION_TYPES } from '../../applications/dto/create-application.dto';
import { CurrentUser } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/auth-user';
import { Clock } from '../../common/clock';
import { ProvincesRepository } from '../../records/provinces.repository';
import { pickFields } from '../http/form-errors';
import { WebController } from '../http/web-controller';
import { CitizenPage, WebRequest } from '../session/web-auth.guard';
import {
  ApplicationDraft,
  DELIVERY_FIELDS,
  deliveryProblems,
  HEALTH_FIELDS,
  healthProblems,
  LICENCE_FIELDS,
  licenceProblems,
  TYPE_FIELDS,
  typeProblems,
} from './application-draft';
import { ApplyJourney } from './apply-journey';
import { ApplySteps } from './apply-steps';
import { CitizenPagesRepository } from './citizen-pages.repository';

const TYPE_OPTIONS = APPLICATION_TYPES.map((value) => ({
  value,
  label: `type.${value}`,
  hint: `type.${value}.hint`,
}));

/** The question pages of the application form: type, licence, health certificate, delivery. */
@WebController('apply')
@CitizenPage()
export class ApplyController {
  constructor(
    private readonly steps: ApplySteps,
    private readonly journey: ApplyJourney,
    private readonly provinces: ProvincesRepository,
    private readonly citizenPages: CitizenPagesRepository,
    private readonly clock: Clock,
  ) {}

  @Get('type')
  async typePage(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Query('returnTo') returnTo: unknown,
  ) {
    const draft = await this.steps.open('type', user, reply);
    if (!draft) return;
    const values = { type: draft.type ?? '' };
    return this.steps.render(
      'type',
      draft,
      request,
      reply,
      { titleKey: 'apply.type.title', values, options: TYPE_OPTIONS },
      returnTo,
    );
  }

  @Post('type')
  async type(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ) {
    const draft = await this.steps.open('type', user, reply);
    if (!draft) return;
    const values = pickFields(body, [...TYPE_FIELDS, 'returnTo']);
    const errors = typeProblems(values);
    if (errors.length) {
      const model = { titleKey: 'apply.type.title', values, errors, options: TYPE_OPTIONS };
      return this.steps.render('type', draft, request, reply, model, values.returnTo, 400);
    }
    const changed = draft.type !== values.type;
    const next: ApplicationDraft = { ...draft, type: values.type as ApplicationDraft['type'] };
    // Another type asks other questions on the licence page: go through it again.
    const returnTo = changed && draft.type ? '' : values.returnTo;
    return this.steps.saveAndContinue('type', user, next, reply, returnTo);
  }

  @Get('licence')
  async licencePage(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Query('returnTo') returnTo: unknown,
  ) {
    const draft = await this.steps.open('licence', user, reply);
    if (!draft) return;
    const values = {
      licenceNumber: draft.licenceNumber ?? '',
      lostOn: draft.lostOn ?? '',
      circumstances: draft.circumstances ?? '',
      confirmed: draft.lostOn ? 'true' : '',
      detailsConfirmed: draft.detailsConfirmed ? 'true' : '',
    };
    const record = draft.type === 'DETAILS_CHANGE' ? await this.journey.idRecord(user) : null;
    return this.steps.render(
      'licence',
      draft,
      request,
      reply,
      { titleKey: 'apply.licence.title', values, record },
      returnTo,
    );
  }

  @Post('licence')
  async licence(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ) {
    const draft = await this.steps.open('licence', user, reply);
    if (!draft) return;
    const values = pickFields(body, [...LICENCE_FIELDS, 'returnTo']);
    const errors = licenceProblems(values, draft.type, this.clock.today());
    if (errors.length) {
      const record = draft.type === 'DETAILS_CHANGE' ? await this.journey.idRecord(user) : null;
      const model = { titleKey: 'apply.licence.title', values, errors, record };
      return this.steps.render('licence', draft, request, reply, model, values.returnTo, 400);
    }
    const lost = draft.type === 'REPLACEMENT_LOST';
    const details = draft.type === 'DETAILS_CHANGE';
    const next: ApplicationDraft = {
      ...draft,
      licenceNumber: values.licenceNumber,
      lostOn: lost ? values.lostOn : undefined,
      circumstances: lost ? values.circumstances : undefined,
      detailsConfirmed: details ? true : undefined,
      newFullName: undefined,
      newDateOfBirth: undefined,
    };
    next.healthNeed = await this.journey.healthNeed(user, next);
    if (next.healthNeed === 'NOT_NEEDED') next.healthCertificateNumber = undefined;
    return this.steps.saveAndContinue('licence', user, next, reply, values.returnTo);
  }

  @Get('health')
  async healthPage(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Query('returnTo') returnTo: unknown,
  ) {
    const draft = await this.steps.open('health', user, reply);
    if (!draft) return;
    const values = { healthCertificateNumber: draft.healthCertificateNumber ?? '' };
    return this.steps.render(
      'health',
      draft,
      request,
      reply,
      { titleKey: 'apply.health.title', values },
      returnTo,
    );
  }

  @Post('health')
  async health(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ) {
    const draft = await this.steps.open('health', user, reply);
    if (!draft) return;
    const values = pickFields(body, [...HEALTH_FIELDS, 'returnTo']);
    const errors = healthProblems(values, draft.healthNeed);
    if (errors.length) {
      const model = { titleKey: 'apply.health.title', values, errors };
      return this.steps.render('health', draft, request, reply, model, values.returnTo, 400);
    }
    const next = {
      ...draft,
      healthCertificateNumber: values.healthCertificateNumber.toUpperCase() || undefined,
    };
    return this.steps.saveAndContinue('health', user, next, reply, values.returnTo);
  }

  @Get('delivery')
  async deliveryPage(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Query('returnTo') returnTo: unknown,
  ) {
    const draft = await this.steps.open('delivery', user, reply);
    if (!draft) return;
    // First time here: the name, phone and address on the driver record, to change if need be.
    const onRecord = draft.delivery ? null : await this.citizenPages.contactOnRecord(user.nationalId ?? '');
    const values = draft.delivery
      ? { ...draft.delivery }
      : {
          method: '',
          recipientName: onRecord?.fullName ?? '',
          phone: onRecord?.phone ?? '',
          street: onRecord?.street ?? '',
          commune: onRecord?.commune ?? '',
          provinceCode: onRecord?.provinceCode ?? '',
        };
    const model = { titleKey: 'apply.delivery.title', values, provinces: await this.provinceOptions() };
    return this.steps.render('delivery', draft, request, reply, model, returnTo);
  }

  @Post('delivery')
  async delivery(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ) {
    const draft = await this.steps.open('delivery', user, reply);
    if (!draft) return;
    const values = pickFields(body, [...DELIVERY_FIELDS, 'returnTo']);
    const provinces = await this.provinceOptions();
    const errors = deliveryProblems(values, new Set(provinces.map((p) => p.value)));
    if (errors.length) {
      const model = { titleKey: 'apply.delivery.title', values, errors, provinces };
      return this.steps.render('delivery', draft, request, reply, model, values.returnTo, 400);
    }
    const next: ApplicationDraft = {
      ...draft,
      delivery: {
        method: values.method as 'POST' | 'OFFICE',
        recipientName: values.recipientName,
        phone: values.phone,
        street: values.street,
        commune: values.commune,
        provinceCode: values.provinceCode,
      },
    };
    return this.steps.saveAndContinue('delivery', user, next, reply, values.returnTo);
  }

  private async provinceOptions() {
    return (await this.provinces.list()).map((p) => ({ value: p.code, text: p.name }));
  }
}
