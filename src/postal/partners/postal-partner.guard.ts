import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import passport from 'passport';
import { RateLimiter } from '../../auth/login/rate-limiter';
import { authenticate } from '../../auth/passport/authenticator';
import { DomainError } from '../../common/errors/domain-error';
import { Environment } from '../../config/environment';
import { API_KEY_HEADER, PARTNER_API_KEY, PartnerPrincipal } from './partner-api-key.strategy';

export const POSTAL_AUTHENTICATOR = Symbol('POSTAL_AUTHENTICATOR');

export type PartnerRequest = FastifyRequest & { partner?: PartnerPrincipal };

function refusal(info: unknown): string {
  const message = (info as { message?: unknown } | undefined)?.message;
  if (message === 'Missing API Key')
    return `Send your postal partner API key in the ${API_KEY_HEADER} header.`;
  return typeof message === 'string' ? message : 'This API key is not valid or was revoked.';
}

/** Checks the partner's API key, then its request rate (per key, across every api process). */
@Injectable()
export class PostalPartnerGuard implements CanActivate {
  constructor(
    @Inject(POSTAL_AUTHENTICATOR) private readonly authenticator: passport.Authenticator,
    private readonly limiter: RateLimiter,
    private readonly env: Environment,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<PartnerRequest>();
    const outcome = await authenticate<PartnerPrincipal>(
      this.authenticator,
      PARTNER_API_KEY,
      request,
      http.getResponse<FastifyReply>(),
    );
    if (!outcome.user) throw new DomainError('UNAUTHENTICATED', refusal(outcome.info));
    await this.limiter.enforce(
      `This API key made more than ${this.env.POSTAL_RATE_LIMIT_PER_MINUTE} requests in a minute.`,
      [
        [
          { name: 'postal', limit: this.env.POSTAL_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 },
          outcome.user.keyId,
        ],
      ],
    );
    request.partner = outcome.user;
    return true;
  }
}
