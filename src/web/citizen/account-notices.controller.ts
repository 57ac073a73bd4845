import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClientIp, CurrentUser } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/auth-user';
import { NotificationPreferencesService } from '../../notifications/preferences/notification-preferences.service';
import { FieldProblem, pickFields } from '../http/form-errors';
import { PageRenderer } from '../http/page-renderer';
import { WebController } from '../http/web-controller';
import { CitizenPage, WebRequest } from '../session/web-auth.guard';
import { NOTICE_FIELDS, noticeChange, noticeProblems } from './account-notices-form';

const LANGUAGE_OPTIONS = [
  { value: 'vi', label: 'account.language.vi' },
  { value: 'en', label: 'account.language.en' },
];

/** The citizen's account page: how they are told about their applications (SMS, e-mail, language). */
@WebController('account')
@CitizenPage()
export class AccountNoticesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly preferences: NotificationPreferencesService,
  ) {}

  @Get()
  async page(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Query('saved') saved: unknown,
  ) {
    const p = await this.preferences.get(user);
    const values = {
      sms: String(p.sms),
      email: String(p.email),
      emailAddress: p.emailAddress ?? '',
      language: p.language,
    };
    return this.render(request, reply, { values, saved: saved === '1' });
  }

  @Post()
  async save(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
    @ClientIp() ip: string,
  ) {
    const values = pickFields(body, NOTICE_FIELDS);
    const errors = noticeProblems(values);
    if (errors.length) return this.render(request, reply, { values, errors }, 400);
    await this.preferences.update(user, noticeChange(values), ip);
    return this.pages.redirect(reply, '/account?saved=1');
  }

  private render(
    request: WebRequest,
    reply: FastifyReply,
    model: { values: Record<string, string>; errors?: FieldProblem[]; saved?: boolean },
    status = 200,
  ) {
    return this.pages.render(
      request,
      reply,
      'citizen/account',
      { titleKey: 'account.title', languageOptions: LANGUAGE_OPTIONS, ...model },
      status,
    );
  }
}
