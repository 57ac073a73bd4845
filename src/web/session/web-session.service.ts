import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountLookup } from '../../auth/access/account-lookup';
import type { AuthUser } from '../../auth/auth-user';
import { WebSessionsRepository } from './web-sessions.repository';

export const SESSION_COOKIE = 'sid';
/** A browser left alone this long is signed out (public computers in communal offices). */
export const SESSION_IDLE_SECONDS = 60 * 60;
/** However active, a sign-in lasts at most a working day. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

/** Cookies are Secure whenever the browser reached us over TLS (directly or through the proxy). */
export const isTls = (request: FastifyRequest) => request.protocol === 'https';

export function sessionCookieOptions(request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: isTls(request),
  };
}

/**
 * Cookie sessions for the web pages. The cookie holds 32 random bytes; the row behind it names the
 * account; and the account is re-read through the same AccountLookup the API's JWT guard uses, so a
 * disabled account, or a session begun before it was disabled, is refused at once and every service gets the same AuthUser.
 */
@Injectable()
export class WebSessionService {
  constructor(
    private readonly sessions: WebSessionsRepository,
    private readonly accounts: AccountLookup,
  ) {}

  /** Returns the new session's token (the e-ID sign-in keeps its ID token against it). */
  async start(user: AuthUser, request: FastifyRequest, reply: FastifyReply): Promise<string> {
    const previous = request.cookies[SESSION_COOKIE];
    if (previous) await this.sessions.delete(previous); // a new sign-in never inherits an old session
    const token = randomBytes(32).toString('base64url');
    await this.sessions.insert(token, { kind: user.kind, id: user.id }, SESSION_IDLE_SECONDS);
    void reply.setCookie(SESSION_COOKIE, token, {
      ...sessionCookieOptions(request),
      maxAge: SESSION_ABSOLUTE_SECONDS,
    });
    return token;
  }

  /** The signed-in account, or null (no cookie, session over, account disabled or gone). */
  async resolve(request: FastifyRequest): Promise<AuthUser | null> {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || token.length > 100) return null;
    const subject = await this.sessions.touch(token, SESSION_IDLE_SECONDS, SESSION_ABSOLUTE_SECONDS);
    if (!subject) return null;
    // A session begun before the account's sessions_valid_after (staff disabled since) stays ended.
    const found = await this.accounts.find(subject.kind, subject.id, undefined, {
      startedAt: subject.createdAt,
    });
    return 'user' in found ? found.user : null;
  }

  async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await this.sessions.delete(token);
    void reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
  }
}
