import passport from 'passport';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Injection token of this application's own passport instance (see passport.module.ts for why). */
export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

export type AuthenticationOutcome<U> = { user: U; info?: undefined } | { user: false; info: unknown };

/**
 * Runs one passport strategy against a Fastify request without sessions. Resolves with the user, or
 * with `false` and the strategy's reason; rejects when the strategy errs (e.g. a DomainError thrown by
 * a verify callback, which then reaches the problem-details filter unchanged).
 */
export function authenticate<U>(
  authenticator: passport.Authenticator,
  strategy: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<AuthenticationOutcome<U>> {
  const fail = (error: unknown) =>
    error instanceof Error
      ? error
      : new Error(`passport strategy ${strategy} failed: ${JSON.stringify(error)}`);
  return new Promise((resolve, reject) => {
    const middleware = authenticator.authenticate(
      strategy,
      { session: false },
      (error: unknown, user: U | false, info: unknown) => {
        if (error) reject(fail(error));
        else resolve(user ? { user } : { user: false, info });
      },
    ) as (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
    middleware(request, reply, (error?: unknown) =>
      error ? reject(fail(error)) : resolve({ user: false, info: undefined }),
    );
  });
}
