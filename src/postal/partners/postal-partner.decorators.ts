import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { RetryAfterFilter } from '../../auth/retry-after.filter';
import { ApiProblems } from '../../openapi/api-problems.decorator';
import type { PartnerPrincipal } from './partner-api-key.strategy';
import { PartnerRequest, PostalPartnerGuard } from './postal-partner.guard';

/** The route is for postal partners, with an API key in X-Api-Key (rate-limited per key). */
export function PostalPartner(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(PostalPartnerGuard),
    UseFilters(RetryAfterFilter),
    ApiSecurity('postal-partner'),
    ApiProblems(
      { status: 401, description: 'No API key, or a key that is not valid or was revoked.' },
      { status: 429, description: 'Too many requests with this key; see Retry-After.' },
    ),
  );
}

/** `@CurrentPartner() partner: PartnerPrincipal` on a route guarded by @PostalPartner(). */
export const CurrentPartner = createParamDecorator(
  (_: unknown, context: ExecutionContext): PartnerPrincipal => {
    const partner = context.switchToHttp().getRequest<PartnerRequest>().partner;
    if (!partner) throw new Error('@CurrentPartner() used on a route without @PostalPartner()');
    return partner;
  },
);
