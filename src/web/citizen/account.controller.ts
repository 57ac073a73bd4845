import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { notFound } from '../../common/errors/domain-error';
import { Environment } from '../../config/environment';
import { pickFields } from '../http/form-errors';
import { safeRedirectTarget } from '../http/safe-redirect';
import { PageRenderer } from '../http/page-renderer';
import { WebController } from '../http/web-controller';
import type { WebRequest } from '../session/web-auth.guard';
import { WebSessionService } from '../session/web-session.service';
import { WebSignIn } from '../session/web-sign-in';
import { REGISTER_FIELDS, SIGN_IN_FIELDS, signInProblems } from './account-forms';
import { OidcSignOut } from './oidc-sign-out';
import { WebRegistration } from './web-registration';

/** Citizens' accounts: register (confirmed against the driver record), sign in, sign out. */
@WebController()
export class AccountController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly registration: WebRegistration,
    private readonly signIns: WebSignIn,
    private readonly sessions: WebSessionService,
    private readonly env: Environment,
    private readonly oidcSignOut: OidcSignOut,
  ) {}

  /** Which ways of signing in the sign-in page offers (the e-ID first). */
  private signInOptions() {
    return { eidEnabled: this.env.OIDC_ENABLED, passwordEnabled: this.env.PASSWORD_SIGN_IN_ENABLED };
  }

  @Get('register')
  registerPage(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    if (!this.env.PASSWORD_SIGN_IN_ENABLED) throw notFound('Registration with a password');
    return this.pages.render(request, reply, 'citizen/register', { titleKey: 'register.title' });
  }

  @Post('register')
  async register(@Req() request: WebRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const values = pickFields(body, REGISTER_FIELDS);
    const errors = await this.registration.register(values, request, reply);
    if (!errors.length) return this.pages.redirect(reply, '/apply/type');
    return this.pages.render(
      request,
      reply,
      'citizen/register',
      { titleKey: 'register.title', values, errors },
      400,
    );
  }

  @Get('sign-in')
  signInPage(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('next') next: unknown) {
    return this.pages.render(request, reply, 'citizen/sign-in', {
      titleKey: 'signIn.title',
      next: safeRedirectTarget(next, '/applications'),
      ...this.signInOptions(),
    });
  }

  @Post('sign-in')
  async signIn(@Req() request: WebRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const values = pickFields(body, [...SIGN_IN_FIELDS, 'next']);
    const next = safeRedirectTarget(values.next, '/applications');
    const problems = signInProblems(values);
    const outcome = problems.length ? null : await this.signIns.signIn('citizen', request, reply);
    if (outcome && 'user' in outcome) return this.pages.redirect(reply, next);
    const errors = outcome ? [outcome.problem] : problems;
    return this.pages.render(
      request,
      reply,
      'citizen/sign-in',
      { titleKey: 'signIn.title', values, errors, next, ...this.signInOptions() },
      400,
    );
  }

  @Get('sign-out')
  signOutPage(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    return this.pages.render(request, reply, 'sign-out', { titleKey: 'signOut.title' });
  }

  @Post('sign-out')
  async signOut(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const staff = request.user?.kind === 'staff';
    const providerLogout = await this.oidcSignOut.providerLogoutUrl(request); // read before the session ends
    await this.sessions.end(request, reply);
    return this.pages.redirect(
      reply,
      providerLogout ?? (staff ? '/staff/sign-in?signedOut=1' : '/?signedOut=1'),
    );
  }
}
