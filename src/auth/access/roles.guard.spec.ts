import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth-user';
import { AccessRequirement } from './access-requirement';
import { RolesGuard } from './roles.guard';

const citizen: AuthUser = {
  kind: 'citizen',
  id: 'c',
  role: 'citizen',
  nationalId: '001090012345',
  provinceCode: null,
  username: null,
};
const officer: AuthUser = {
  kind: 'staff',
  id: 's',
  role: 'officer',
  nationalId: null,
  provinceCode: '01',
  username: 'o',
};

function check(requirement: AccessRequirement | undefined, user: AuthUser | undefined): boolean {
  const reflector = { getAllAndOverride: () => requirement } as unknown as Reflector;
  const context = {
    getHandler: () => undefined,
    getClass: () => undefined,
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
  return new RolesGuard(reflector).canActivate(context);
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'PASSED';
};

describe('RolesGuard', () => {
  it('lets the right kind and role through', () => {
    expect(check({ kind: 'citizen' }, citizen)).toBe(true);
    expect(check({ kind: 'staff', roles: ['officer', 'supervisor'] }, officer)).toBe(true);
  });

  it('forbids the wrong kind or role', () => {
    expect(codeOf(() => check({ kind: 'staff', roles: ['officer'] }, citizen))).toBe('FORBIDDEN');
    expect(codeOf(() => check({ kind: 'citizen' }, officer))).toBe('FORBIDDEN');
    expect(codeOf(() => check({ kind: 'staff', roles: ['admin'] }, officer))).toBe('FORBIDDEN');
  });

  it('asks for sign-in when no account is on the request', () => {
    expect(codeOf(() => check({ kind: 'citizen' }, undefined))).toBe('UNAUTHENTICATED');
  });
});
