import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth-user';
import { ACCESS_REQUIREMENT, AccessRequirement } from './access-requirement';

/** Runs after JwtAuthGuard: the signed-in account must be of the kind and role the route asks for. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const requirement = this.reflector.getAllAndOverride<AccessRequirement | undefined>(ACCESS_REQUIREMENT, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!requirement) return true;
    const user = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>().user;
    if (!user) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    if (requirement.kind === 'citizen' && user.kind !== 'citizen') {
      throw new DomainError('FORBIDDEN', 'This route is for citizens; staff accounts cannot use it.');
    }
    if (requirement.kind === 'staff') {
      if (user.kind !== 'staff') {
        throw new DomainError('FORBIDDEN', 'This route is for staff of the licensing service.');
      }
      if (!(requirement.roles as string[]).includes(user.role)) {
        throw new DomainError(
          'FORBIDDEN',
          `This route needs the role ${requirement.roles.join(' or ')}; your account is ${user.role}.`,
        );
      }
    }
    return true;
  }
}
