import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, ERROR_CODES } from '../../common/errors/domain-error';
import { fromRequestError } from '../../common/errors/request-errors';
import { loggableError } from '../../common/errors/loggable-error';
import { CsrfRefused } from '../session/csrf';
import { PageForbidden, SignInRequired, WebRequest } from '../session/web-auth.guard';
import { PageRenderer } from './page-renderer';

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
    const refused = error instanceof DomainError ? error : fromRequestError(error);
    if (refused && ERROR_CODES[refused.code].status < 500) {
      // Only a hand-made address or post gets here (forms report their own mistakes): say what is wrong.
      const field = refused.extra.errors?.[0]?.field ?? '-';
      const status = ERROR_CODES[refused.code].status;
      return this.page(request, reply, 'errors.badRequest.title', 'errors.badRequest.body', status, {
        field,
      });
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, ...loggableError(error) }, 'Unhandled error on a web page');
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
