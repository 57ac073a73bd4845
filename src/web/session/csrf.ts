import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isTls } from './web-session.service';

/** The hidden form field carrying the token (and the name of the cookie holding its secret). */
export const CSRF_FIELD = '_csrf';

/** Where a token read from a multipart form is put, since the plugin cannot read multipart bodies itself. */
const MULTIPART_TOKEN = Symbol('multipartCsrfToken');
type WithToken = FastifyRequest & { [MULTIPART_TOKEN]?: string };

export function submittedCsrfToken(request: FastifyRequest): string | undefined {
  const stashed = (request as WithToken)[MULTIPART_TOKEN];
  if (stashed !== undefined) return stashed;
  const body = request.body as Record<string, unknown> | undefined;
  const token = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  return typeof token === 'string' ? token : undefined;
}

/** A fresh token for a form on the page being rendered (its secret cookie is set when missing). */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ secure: isTls(request) });
}

/** Thrown when a form post carries no valid token: the page says the form expired, and to try again. */
export class CsrfRefused extends Error {
  constructor() {
    super('The form could not be verified (missing or invalid CSRF token).');
    this.name = 'CsrfRefused';
  }
}

/**
 * Verifies a form post's token with @fastify/csrf-protection. The plugin answers a failure by sending
 * the reply itself; here the failure must become an exception our page filter renders, so the plugin is
 * handed a stand-in reply whose send() reports the refusal instead.
 */
@Injectable()
export class CsrfVerifier {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async verify(request: FastifyRequest, reply: FastifyReply, multipartToken?: string): Promise<void> {
    if (multipartToken !== undefined) (request as WithToken)[MULTIPART_TOKEN] = multipartToken;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const passed = await new Promise<boolean>((resolve) => {
      const probe = Object.create(reply) as FastifyReply;
      probe.send = () => {
        resolve(false);
        return probe;
      };
      fastify.csrfProtection(request, probe, () => resolve(true));
    });
    if (!passed) throw new CsrfRefused();
  }
}

const VERIFIED_BY_HANDLER = 'web:csrf-verified-by-handler';

/**
 * On a multipart form route: the token is in the body stream, so the handler verifies it (through
 * readMultipartForm) before reading the file. Only routes marked so skip the guard: a multipart post to
 * any other route has no token the guard can see, and is refused.
 */
export const MultipartForm = () => SetMetadata(VERIFIED_BY_HANDLER, true);

/** Every state-changing web request (any method but GET/HEAD) must carry the form's token. */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly verifier: CsrfVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (request.method === 'GET' || request.method === 'HEAD') return true;
    if (this.reflector.get<boolean>(VERIFIED_BY_HANDLER, context.getHandler()) && request.isMultipart()) {
      return true;
    }
    await this.verifier.verify(request, http.getResponse<FastifyReply>());
    return true;
  }
}
