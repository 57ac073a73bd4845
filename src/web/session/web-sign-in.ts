import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import passport from 'passport';
import type { AuthUser } from '../../auth/auth-user';
import { authenticate, AUTHENTICATOR } from '../../auth/passport/authenticator';
import { CITIZEN_LOCAL, STAFF_LOCAL } from '../../auth/passport/strategies';
import { DomainError } from '../../common/errors/domain-error';
import type { FieldProblem } from '../http/form-errors';
import { WebSessionService } from './web-session.service';

/**
 * Signs in from a form through the same passport strategies as the API (rate limits, lockout, the
 * identity provider), then starts a cookie session instead of issuing tokens. A refusal comes back as
 * one form problem that never says whether the account exists.
 */
@Injectable()
export class WebSignIn {
  constructor(
    @Inject(AUTHENTICATOR) private readonly authenticator: passport.Authenticator,
    private readonly sessions: WebSessionService,
  ) {}

  async signIn(
    kind: 'citizen' | 'staff',
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ user: AuthUser } | { problem: FieldProblem }> {
    const field = kind === 'citizen' ? 'nationalId' : 'username';
    let user: AuthUser | false;
    try {
      const outcome = await authenticate<AuthUser>(
        this.authenticator,
        kind === 'citizen' ? CITIZEN_LOCAL : STAFF_LOCAL,
        request,
        reply,
      );
      user = outcome.user;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'RATE_LIMITED') {
        return { problem: { field, key: 'signIn.errors.locked' } };
      }
      if (error instanceof DomainError && error.code === 'UNAUTHENTICATED') user = false;
      else throw error;
    }
    if (!user)
      return {
        problem: { field, key: kind === 'citizen' ? 'signIn.errors.wrong' : 'staffSignIn.errors.wrong' },
      };
    await this.sessions.start(user, request, reply);
    return { user };
  }
}
