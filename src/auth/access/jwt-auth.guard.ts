import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import passport from 'passport';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth-user';
import { authenticate, AUTHENTICATOR } from '../passport/authenticator';
import { ACCESS_JWT } from '../passport/strategies';

/** Why a bearer token was refused, in words the caller can act on. */
function refusal(info: unknown): string {
  const reason = info as { name?: string; message?: string } | undefined;
  if (reason?.name === 'TokenExpiredError') {
    return 'Your access token has expired: exchange your refresh token at /api/v1/auth/refresh, or sign in again.';
  }
  if (reason?.message === 'No auth token') {
    return 'Sign in and send the access token as "Authorization: Bearer <token>".';
  }
  // The account lookup refuses with a plain { message } (disabled, gone, sign-in ended).
  if (reason && !(reason instanceof Error) && reason.message) return reason.message;
  return 'The access token is not valid; sign in again.';
}

/** Verifies the bearer JWT and loads its account (refused at once if disabled or gone, or its sign-in has ended). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(@Inject(AUTHENTICATOR) private readonly authenticator: passport.Authenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: AuthUser }>();
    const outcome = await authenticate<AuthUser>(
      this.authenticator,
      ACCESS_JWT,
      request,
      http.getResponse<FastifyReply>(),
    );
    if (!outcome.user) throw new DomainError('UNAUTHENTICATED', refusal(outcome.info));
    request.user = outcome.user;
    return true;
  }
}
