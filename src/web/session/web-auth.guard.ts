import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { AuthUser, StaffRole } from '../../auth/auth-user';
import { WebSessionService } from './web-session.service';

export type WebAccess = { kind: 'citizen' } | { kind: 'staff'; roles: readonly StaffRole[] };
const WEB_ACCESS = 'web:access';

export type WebRequest = FastifyRequest & { user?: AuthUser };

/** Nobody (or the wrong kind of account) is signed in: the page filter sends them to the right sign-in. */
export class SignInRequired extends Error {
  constructor(readonly kind: 'citizen' | 'staff') {
    super(`Sign in as ${kind} to see this page.`);
    this.name = 'SignInRequired';
  }
}

/** Signed in, but this role may not see the page. */
export class PageForbidden extends Error {
  constructor() {
    super('Your account may not see this page.');
    this.name = 'PageForbidden';
  }
}

/** The page is for signed-in citizens. */
export const CitizenPage = () => SetMetadata(WEB_ACCESS, { kind: 'citizen' } satisfies WebAccess);

/** The page is for staff of the given roles (none given: any staff role). */
export const StaffPage = (...roles: StaffRole[]) =>
  applyDecorators(
    SetMetadata(WEB_ACCESS, {
      kind: 'staff',
      roles: roles.length ? roles : ['officer', 'supervisor', 'auditor', 'admin'],
    } satisfies WebAccess),
  );

/**
 * Runs on every web page: resolves the session cookie to the same AuthUser the API's guard builds
 * (request.user, so @CurrentUser() works), then enforces the page's @CitizenPage() / @StaffPage().
 * Public pages still learn who is signed in, to show the right header.
 */
@Injectable()
export class WebAuthGuard implements CanActivate {
  constructor(
    private readonly sessions: WebSessionService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WebRequest>();
    const user = await this.sessions.resolve(request);
    if (user) request.user = user;
    const access = this.reflector.getAllAndOverride<WebAccess | undefined>(WEB_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) return true;
    if (!user || user.kind !== access.kind) throw new SignInRequired(access.kind);
    if (access.kind === 'staff' && !(access.roles as string[]).includes(user.role)) throw new PageForbidden();
    return true;
  }
}
