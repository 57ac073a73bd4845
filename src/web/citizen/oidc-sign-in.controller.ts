import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AccountLookup } from '../../auth/access/account-lookup';
import { OidcProviderUnavailable } from '../../auth/oidc/oidc-provider-client';
import { OidcSettings } from '../../auth/oidc/oidc-settings';
import { OIDC_ATTEMPT_SECONDS, OidcRefusal, OidcSignInService } from '../../auth/oidc/oidc-sign-in.service';
import { notFound } from '../../common/errors/domain-error';
import { safeRedirectTarget } from '../http/safe-redirect';
import { PageRenderer } from '../http/page-renderer';
import { WebController } from '../http/web-controller';
import type { WebRequest } from '../session/web-auth.guard';
import { sessionCookieOptions, WebSessionService } from '../session/web-session.service';
import { OidcSignOut } from './oidc-sign-out';

/** Binds a sign-in to the browser that started it; read (and cleared) by the callback. */
export const OIDC_ATTEMPT_COOKIE = 'oidc_attempt';
const attemptCookieOptions = (request: WebRequest) => ({
  ...sessionCookieOptions(request),
  path: '/auth/oidc',
});

/** The page sentence for each refusal, and its status. */
const REFUSALS: Record<OidcRefusal, { key: string; status: number }> = {
  ATTEMPT_UNKNOWN: { key: 'eid.refused.attempt', status: 400 },
  PROVIDER_DENIED: { key: 'eid.refused.denied', status: 400 },
  TOKEN_REJECTED: { key: 'eid.refused.token', status: 400 },
  CLAIMS_MISSING: { key: 'eid.refused.claims', status: 400 },
  NO_DRIVER_RECORD: { key: 'eid.refused.noRecord', status: 403 },
  SUBJECT_CONFLICT: { key: 'eid.refused.conflict', status: 403 },
};

/** Only the callback's string parameters, each once: repeated or nested ones are not a provider's. */
function callbackQuery(query: unknown): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') params.set(name, value);
  }
  return params;
}

/** Sign-in with the national e-ID: off to the provider, and back with the outcome. */
@WebController('auth/oidc')
export class OidcSignInController {
  constructor(
    private readonly settings: OidcSettings,
    private readonly signIns: OidcSignInService,
    private readonly signOuts: OidcSignOut,
    private readonly accounts: AccountLookup,
    private readonly sessions: WebSessionService,
    private readonly pages: PageRenderer,
  ) {}

  @Get('start')
  async start(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('next') next: unknown) {
    this.requireEnabled();
    let started: Awaited<ReturnType<OidcSignInService['begin']>>;
    try {
      started = await this.signIns.begin(safeRedirectTarget(next, '/applications'), request.ip);
    } catch (error) {
      if (!(error instanceof OidcProviderUnavailable)) throw error;
      return this.problem(request, reply, 'eid.unavailable', 503);
    }
    void reply.setCookie(OIDC_ATTEMPT_COOKIE, started.browserToken, {
      ...attemptCookieOptions(request),
      maxAge: OIDC_ATTEMPT_SECONDS,
    });
    return this.pages.redirect(reply, started.authorizationUrl.href);
  }

  @Get('callback')
  async callback(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query() query: unknown) {
    this.requireEnabled();
    const browserToken = request.cookies[OIDC_ATTEMPT_COOKIE];
    void reply.clearCookie(OIDC_ATTEMPT_COOKIE, attemptCookieOptions(request));
    const outcome = await this.signIns.complete(browserToken, callbackQuery(query), request.ip);
    if ('refused' in outcome) {
      const { key, status } = REFUSALS[outcome.refused];
      return this.problem(request, reply, key, status);
    }
    const found = await this.accounts.find('citizen', outcome.citizenId);
    if (!('user' in found)) return this.problem(request, reply, 'eid.refused.token', 400);
    const sessionToken = await this.sessions.start(found.user, request, reply);
    await this.signOuts.remember(sessionToken, outcome.idToken);
    return this.pages.redirect(reply, outcome.nextPath);
  }

  /** The provider's post_logout_redirect_uri: back to the start page, which says the citizen signed out. */
  @Get('signed-out')
  signedOut(@Res() reply: FastifyReply) {
    return this.pages.redirect(reply, '/?signedOut=1');
  }

  private requireEnabled(): void {
    if (!this.settings.enabled) throw notFound('Sign-in with the national e-ID');
  }

  private problem(request: WebRequest, reply: FastifyReply, bodyKey: string, status: number) {
    return this.pages.render(
      request,
      reply,
      'citizen/eid-problem',
      { titleKey: 'eid.problem.title', bodyKey },
      status,
    );
  }
}
