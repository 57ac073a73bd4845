import type { AuthUser } from '../auth/auth-user';

/**
 * The province a staff member's queries are confined to: their own for officers and supervisors, none
 * (national) for auditors and admins. Every staff query puts this in its WHERE clause.
 */
export function provinceScope(user: AuthUser): string | null {
  if (user.role === 'officer' || user.role === 'supervisor') {
    if (!user.provinceCode) throw new Error(`Staff account ${user.id} has no province`);
    return user.provinceCode;
  }
  return null;
}

/** SQL condition for a province-scoped table alias; `$n` is where provinceScope() is bound. */
export const inScope = (alias: string, param: string) =>
  `(${param}::char(2) IS NULL OR ${alias}.province_code = ${param}::char(2))`;
