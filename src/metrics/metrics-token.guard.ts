import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors/domain-error';
import { Environment } from '../config/environment';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * With METRICS_TOKEN set, /metrics wants `Authorization: Bearer <token>`. Without it, it is open in
 * development and tests, and not served at all in production (404): queue depths and request counts
 * are for the operators, and a production server must not show them to anyone by default.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(private readonly env: Environment) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.env.METRICS_TOKEN;
    if (!expected && this.env.NODE_ENV === 'production') {
      throw new DomainError('NOT_FOUND', 'Metrics are served only with METRICS_TOKEN set in production.');
    }
    if (!expected) return true;
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    const given = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
    // Compare digests: equal length, and no early exit that times how much of the token matched.
    if (given && timingSafeEqual(digest(given), digest(expected))) return true;
    throw new DomainError(
      'UNAUTHENTICATED',
      'Send Authorization: Bearer <METRICS_TOKEN> to read the metrics.',
    );
  }
}
