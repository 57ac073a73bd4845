/** Who the citizen is, as the identity provider vouches. */
export interface VerifiedCitizenIdentity {
  nationalId: string;
  fullName: string;
  /** ISO date, YYYY-MM-DD. */
  dateOfBirth: string;
}

/**
 * Verifies a citizen signing in with credentials posted to us: PasswordCitizenIdentityProvider (an
 * account created by registration, checked with argon2, rate limits and lockout), used by the API's
 * citizen login and the web sign-in form while PASSWORD_SIGN_IN_ENABLED is on. Sign-in with the
 * national e-ID is a redirect flow instead, not a credential check: see src/auth/oidc.
 */
export interface CitizenIdentityProvider {
  /** Throws a DomainError (401 wrong credentials, 429 too many attempts) when it cannot vouch. */
  verify(credentials: Record<string, string>, clientIp: string): Promise<VerifiedCitizenIdentity>;
}

export const CITIZEN_IDENTITY_PROVIDER = Symbol('CITIZEN_IDENTITY_PROVIDER');
