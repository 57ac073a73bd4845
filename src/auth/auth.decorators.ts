import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ACCESS_REQUIREMENT, AccessRequirement } from './access/access-requirement';
import { JwtAuthGuard } from './access/jwt-auth.guard';
import { RolesGuard } from './access/roles.guard';
import { AuthUser, STAFF_ROLES, StaffRole } from './auth-user';

function access(requirement: AccessRequirement): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_REQUIREMENT, requirement),
    UseGuards(JwtAuthGuard, RolesGuard),
    ApiBearerAuth(),
    ApiProblems(
      {
        status: 401,
        description: 'No valid access token, the sign-in has ended, or the account is disabled.',
      },
      { status: 403, description: 'Signed in, but this role may not use the route.' },
    ),
  );
}

/** The route is for signed-in citizens only. */
export function Citizen(): MethodDecorator & ClassDecorator {
  return access({ kind: 'citizen' });
}

/** The route is for signed-in staff of one of the given roles (none given: any staff role). */
export function Staff(...roles: StaffRole[]): MethodDecorator & ClassDecorator {
  return access({ kind: 'staff', roles: roles.length ? roles : [...STAFF_ROLES] });
}

/** `@CurrentUser() user: AuthUser` on a route guarded by @Citizen() or @Staff(). */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>().user;
  if (!user) throw new Error('@CurrentUser() used on a route without @Citizen() or @Staff()');
  return user;
});

/** `@ClientIp() ip: string`: the caller's address (X-Forwarded-For only via the TRUSTED_PROXIES). */
export const ClientIp = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<FastifyRequest>().ip,
);
