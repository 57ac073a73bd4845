import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { CsrfRefused } from '../session/csrf';
import { PageForbidden, SignInRequired, WebRequest } from '../session/web-auth.guard';
import { PageRenderer } from './page-renderer';

/**
 * What is logged of an unexpected error: its kind, the database's error code and the stack frames, but
 * not its message or fields, which may quote the values of a query (citizen IDs, names, addresses).
 */
export function loggable(error: unknown): Record<string, unknown> {
  const e = error as { name?: unknown; code?: unknown; constraint?: unknown; stack?: unknown };
  return {
    errorName: typeof e?.name === 'string' ? e.name : typeof error,
    code: typeof e?.code === 'string' ? e.code : undefined,
    constraint: typeof e?.constraint === 'string' ? e.constraint : undefined,
    frames:
      typeof e?.stack === 'string'
        ? e.stack
            .split('\n')
            .slice(1, 12)
            .map((l) => l.trim())
        : undefined,
  };
}

/**
 * Errors on web pages become pages, not problem+json: a sign-in wall redirects to the right sign-in
 * (remembering where the person was going), a missing or forbidden case is a plain 404/403 page, an
 * expired form says so, and anything unexpected is logged with an id the page shows.
 */
@Catch()
@Injectable()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebPages');

  constructor(private readonly pages: PageRenderer) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<WebRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent) return;
    if (error instanceof SignInRequired) {
      const signIn = error.kind === 'staff' ? '/staff/sign-in' : '/sign-in';
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      return this.pages.redirect(reply, `${signIn}${next}`);
    }
    if (error instanceof CsrfRefused) {
      return this.page(request, reply, 'errors.formExpired.title', 'errors.formExpired.body', 403);
    }
    if (error instanceof PageForbidden || (error instanceof DomainError && error.code === 'FORBIDDEN')) {
      return this.page(request, reply, 'errors.forbidden.title', 'errors.forbidden.body', 403);
    }
    if (error instanceof DomainError && error.code === 'NOT_FOUND') {
      return this.page(request, reply, 'errors.notFound.title', 'errors.notFound.body', 404);
    }
    if (error instanceof DomainError && error.code === 'RATE_LIMITED') {
      return this.page(request, reply, 'errors.rateLimited.title', 'errors.rateLimited.body', 429);
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, ...loggable(error) }, 'Unhandled error on a web page');
    return this.page(request, reply, 'errors.internal.title', 'errors.internal.body', 500, { errorId });
  }

  private page(
    request: WebRequest,
    reply: FastifyReply,
    titleKey: string,
    bodyKey: string,
    status: number,
    params: Record<string, string> = {},
  ): Promise<void> {
    return this.pages.render(request, reply, 'error', { titleKey, bodyKey, params }, status);
  }
}
