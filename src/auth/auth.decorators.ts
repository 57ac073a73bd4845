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

export type StaffRole = 'officer' | 'supervisor' | 'auditor' | 'admin';
export const STAFF_ROLES: readonly StaffRole[] = ['officer', 'supervisor', 'auditor', 'admin'];

/** The signed-in account, as read from the database on every request. */
export interface AuthUser {
  kind: 'citizen' | 'staff';
  id: string;
  role: 'citizen' | StaffRole;
  /** The citizen's ID; for staff, their own national ID when recorded (to refuse cases on their licence). */
  nationalId: string | null;
  /** Officers and supervisors: the province they work for. */
  provinceCode: string | null;
  /** Staff only. */
  username: string | null;
}

function access(requirement: AccessRequirement): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_REQUIREMENT, requirement),
    UseGuards(JwtAuthGuard, RolesGuard),
    ApiBearerAuth(),
    ApiProblems(
      { status: 401, description: 'No valid access token, or the account is disabled or locked.' },
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

/** `@ClientIp() ip: string`: the caller's address (X-Forwarded-For is honoured: trustProxy is on). */
export const ClientIp = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<FastifyRequest>().ip,
);
