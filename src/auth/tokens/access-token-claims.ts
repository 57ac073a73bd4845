import type { AuthUser } from '../auth-user';

export const TOKEN_ISSUER = 'licence-renewal';
export const TOKEN_AUDIENCE = 'licence-renewal-api';

/** What an access JWT carries. The guard still reads the account from the database on each request. */
export interface AccessTokenClaims {
  sub: string;
  kind: AuthUser['kind'];
  role: AuthUser['role'];
  /** Staff of a province only. */
  province?: string;
  /** The citizen's ID; a staff member's own ID when recorded. */
  nid?: string;
}

export function claimsFor(user: AuthUser): AccessTokenClaims {
  return {
    sub: user.id,
    kind: user.kind,
    role: user.role,
    ...(user.provinceCode ? { province: user.provinceCode } : {}),
    ...(user.nationalId ? { nid: user.nationalId } : {}),
  };
}
