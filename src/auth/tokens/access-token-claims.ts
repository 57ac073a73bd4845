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
  /** The sign-in (refresh-token family) this token belongs to: logout or disabling ends it at once. */
  sid: string;
  /** Set by the signer (seconds); checked against the account's sessions_valid_after. */
  iat?: number;
}

export function claimsFor(user: AuthUser, signInId: string): AccessTokenClaims {
  return {
    sub: user.id,
    sid: signInId,
    kind: user.kind,
    role: user.role,
    ...(user.provinceCode ? { province: user.provinceCode } : {}),
    ...(user.nationalId ? { nid: user.nationalId } : {}),
  };
}
