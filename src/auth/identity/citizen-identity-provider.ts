/** Who the citizen is, as the identity provider vouches. */
export interface VerifiedCitizenIdentity {
  nationalId: string;
  fullName: string;
  /** ISO date, YYYY-MM-DD. */
  dateOfBirth: string;
}

/**
 * Verifies a citizen signing in. The default is PasswordCitizenIdentityProvider (an account created by
 * registration, checked with argon2, rate limits and lockout). To sign citizens in with the national
 * e-ID instead, write an OidcCitizenIdentityProvider whose verify() takes `{ code, state }` from the
 * e-ID callback, exchanges the code at the provider's token endpoint, checks the ID token (issuer,
 * audience, nonce, signature) and returns the identity from its claims; then bind it in AuthModule:
 *   { provide: CITIZEN_IDENTITY_PROVIDER, useClass: OidcCitizenIdentityProvider }
 * and point a callback route at the citizen login guard (or a passport-openidconnect strategy calling
 * it). Everything after verification (finding the account by national ID, issuing tokens) stays as is.
 */
export interface CitizenIdentityProvider {
  /** Throws a DomainError (401 wrong credentials, 429 too many attempts) when it cannot vouch. */
  verify(credentials: Record<string, string>, clientIp: string): Promise<VerifiedCitizenIdentity>;
}

export const CITIZEN_IDENTITY_PROVIDER = Symbol('CITIZEN_IDENTITY_PROVIDER');
