import { ArgumentsHost, Catch } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../common/errors/domain-error';
import { ProblemDetailsFilter } from '../common/errors/problem-details.filter';

/** The problem-details filter, plus a Retry-After header for rate-limited sign-ins and registrations. */
@Catch()
export class RetryAfterFilter extends ProblemDetailsFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    const seconds = error instanceof DomainError ? error.extra.retryAfterSeconds : undefined;
    if (host.getType() === 'http' && typeof seconds === 'number') {
      void host
        .switchToHttp()
        .getResponse<FastifyReply>()
        .header('retry-after', String(Math.ceil(seconds)));
    }
    super.catch(error, host);
  }
}
