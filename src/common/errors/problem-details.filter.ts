import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERROR_CODES, ErrorCode } from './domain-error';
import { loggableError } from './loggable-error';
import { fromRequestError } from './request-errors';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: { field: string; message: string }[];
  errorId?: string;
  [key: string]: unknown;
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Turns any error into an RFC 9457 problem. */
export function toProblem(
  error: unknown,
  instance?: string,
): { problem: ProblemDetails; unexpected: boolean } {
  if (error instanceof DomainError) {
    const { status, title } = ERROR_CODES[error.code];
    return {
      problem: {
        type: `urn:problem:${error.code.toLowerCase().replace(/_/g, '-')}`,
        title,
        status,
        detail: error.detail,
        instance,
        code: error.code,
        ...error.extra,
      },
      unexpected: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = STATUS_CODES[status];
    const response = error.getResponse();
    const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : error.message;
    const details = (response as { details?: Record<string, { status: string }> }).details;
    if (details && typeof details === 'object') {
      // A failed health check: say which dependencies are down.
      const down = Object.entries(details)
        .filter(([, v]) => v.status !== 'up')
        .map(([k]) => k);
      return toProblem(
        new DomainError(code ?? 'SERVICE_UNAVAILABLE', `Not ready: ${down.join(', ')} down.`, {
          checks: details,
        }),
        instance,
      );
    }
    if (code) return toProblem(new DomainError(code, message), instance);
    if (status < 500) {
      return {
        problem: {
          type: 'about:blank',
          title: error.name,
          status,
          detail: message,
          instance,
          code: 'HTTP_' + status,
        },
        unexpected: false,
      };
    }
  }
  // Errors of reading the request (bad JSON, too deep, body too large, broken multipart forms).
  const refused = fromRequestError(error);
  if (refused) return toProblem(refused, instance);
  // Any other client error of Fastify or a plugin carries statusCode.
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const code = STATUS_CODES[statusCode] ?? 'BAD_REQUEST';
    const raw = (error as Error).message ?? 'The request could not be read.';
    return toProblem(new DomainError(code, raw.replace(/^FST_[A-Z_]+:\s*/, '')), instance);
  }
  const errorId = randomUUID();
  return {
    problem: {
      type: 'urn:problem:internal-error',
      title: 'Something went wrong on our side',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: `The error was logged with id ${errorId}. Please try again later, quoting that id if you contact us.`,
      instance,
      code: 'INTERNAL_ERROR',
      errorId,
    },
    unexpected: true,
  };
}

/** The one exception filter: every error leaves as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, unexpected } = toProblem(error, request.url?.split('?')[0]);
    sendProblem(reply, problem, unexpected ? error : undefined, this.logger);
  }
}

/**
 * Sends a problem; an unexpected error is logged with the problem's error id and only its kind, code
 * and stack frames (see loggableError), never its message, query or parameters.
 */
export function sendProblem(
  reply: FastifyReply,
  problem: ProblemDetails,
  unexpected: unknown,
  logger: Logger,
): void {
  if (unexpected !== undefined) {
    logger.error({ errorId: problem.errorId, ...loggableError(unexpected) }, 'Unhandled error');
  }
  void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
}

/**
 * For errors Fastify meets before a Nest route handler runs (a broken percent-encoding in the path,
 * a body that is not JSON, too deep or too large): the same problem details as everywhere else.
 */
export function fastifyErrorHandler(logger = new Logger('Errors')) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): void => {
    const { problem, unexpected } = toProblem(error, request.url?.split('?')[0]);
    sendProblem(reply, problem, unexpected ? error : undefined, logger);
  };
}

/**
 * Installs the handler above on the server before Nest adds its routes (each Fastify route keeps the
 * error handler set when it was added). Nest sets its own only after adding the routes, where no
 * route would use it, and Fastify would warn about the override: that call is left out.
 */
export function answerFastifyErrorsWithProblems(adapter: FastifyAdapter): void {
  const fastify = adapter.getInstance();
  fastify.setErrorHandler(fastifyErrorHandler());
  adapter.setErrorHandler = () => fastify;
  // No route reads plain text: such a body is refused (415) rather than handed to a DTO as a string.
  fastify.removeContentTypeParser('text/plain');
}
