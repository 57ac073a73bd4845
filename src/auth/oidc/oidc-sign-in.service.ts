import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../audit/audit-log';
import { namesMatch } from '../../common/vietnamese-text';
import { DriverMatchRepository } from '../citizens/driver-match.repository';
import type { RateLimit } from '../login/login-limits';
import { RateLimiter } from '../login/rate-limiter';
import { OidcAttemptsRepository } from './oidc-attempts.repository';
import { OidcCitizenAccounts } from './oidc-citizen-accounts';
import { identityFromClaims } from './oidc-claims';
import { OidcProviderClient, OidcTokens } from './oidc-provider-client';
import { OidcSettings } from './oidc-settings';

/** How long a citizen has at the provider between leaving and coming back. */
export const OIDC_ATTEMPT_SECONDS = 10 * 60;

/** Sign-ins started per client address: each stores an attempt row, so one machine may not flood them. */
export const OIDC_START_PER_ADDRESS: RateLimit = { name: 'eid-start-ip', limit: 100, windowSeconds: 15 * 60 };

/** Why a callback signed no one in; each has its own page sentence. */
export type OidcRefusal =
  /** No live attempt for this browser: expired, already used (a replay), or started in another browser. */
  | 'ATTEMPT_UNKNOWN'
  /** The provider sent an error back (the citizen cancelled, or it refused). */
  | 'PROVIDER_DENIED'
  /** The code exchange or an ID-token check failed (state, issuer, audience, signature, expiry, nonce). */
  | 'TOKEN_REJECTED'
  /** The ID token lacks the citizen ID, name or birth date, or they are malformed. */
  | 'CLAIMS_MISSING'
  /** No driver record with this citizen ID, birth date and name. */
  | 'NO_DRIVER_RECORD'
  /** The e-ID subject is linked to another citizen ID's account. */
  | 'SUBJECT_CONFLICT';

export type OidcSignInOutcome =
  { citizenId: string; idToken: string; nextPath: string } | { refused: OidcRefusal };

/** openid-client wraps the precise failure ("unexpected JWT "aud" claim value") in a general one. */
function explain(error: unknown): string {
  const messages: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++)
    messages.push(e.message);
  return messages.length ? messages.join(': ') : String(error);
}

/**
 * Sign-in with the national e-ID: starts the code flow with fresh state, nonce and PKCE verifier kept
 * for this browser, and completes it: the tokens checked, the identity confirmed against the driver
 * record as registration does, and the citizen account created or linked. Every refusal is audited.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger(OidcSignInService.name);

  constructor(
    private readonly settings: OidcSettings,
    private readonly provider: OidcProviderClient,
    private readonly attempts: OidcAttemptsRepository,
    private readonly drivers: DriverMatchRepository,
    private readonly accounts: OidcCitizenAccounts,
    private readonly audit: AuditLog,
    private readonly limiter: RateLimiter,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Throws OidcProviderUnavailable when discovery fails (before anything is stored), RATE_LIMITED. */
  async begin(nextPath: string, ip: string): Promise<{ browserToken: string; authorizationUrl: URL }> {
    await this.limiter.enforce('Too many sign-ins started.', [[OIDC_START_PER_ADDRESS, ip]]);
    const random = () => randomBytes(32).toString('base64url');
    const checks = { state: random(), nonce: random(), codeVerifier: random() };
    const authorizationUrl = await this.provider.authorizationUrl(checks);
    const browserToken = random();
    await this.attempts.insert(browserToken, { ...checks, nextPath }, OIDC_ATTEMPT_SECONDS);
    return { browserToken, authorizationUrl };
  }

  async complete(
    browserToken: string | undefined,
    callbackQuery: URLSearchParams,
    ip: string,
  ): Promise<OidcSignInOutcome> {
    const attempt = browserToken ? await this.attempts.take(browserToken) : null;
    if (!attempt) return this.refuse('ATTEMPT_UNKNOWN', ip, null, {});
    const providerError = callbackQuery.get('error');
    if (providerError)
      return this.refuse('PROVIDER_DENIED', ip, null, { error: providerError.slice(0, 100) });

    let tokens: OidcTokens;
    try {
      tokens = await this.provider.exchange(callbackQuery, attempt);
    } catch (error) {
      const detail = explain(error);
      this.logger.warn({ detail }, 'An e-ID callback was refused');
      return this.refuse('TOKEN_REJECTED', ip, null, { detail: detail.slice(0, 300) });
    }
    const read = identityFromClaims(tokens.claims, this.settings.claims);
    if (!('identity' in read))
      return this.refuse('CLAIMS_MISSING', ip, null, { subject: tokens.subject, ...read });
    const { identity } = read;
    const nameOnRecord = await this.drivers.nameOnRecord(identity.nationalId, identity.dateOfBirth);
    if (nameOnRecord === null || !namesMatch(nameOnRecord, identity.fullName)) {
      return this.refuse('NO_DRIVER_RECORD', ip, identity.nationalId, { subject: tokens.subject });
    }
    const who = { issuer: this.settings.issuer, subject: tokens.subject };
    const account = await this.accounts.signIn(identity, nameOnRecord, who, ip);
    if ('conflict' in account) {
      return this.refuse('SUBJECT_CONFLICT', ip, identity.nationalId, { subject: tokens.subject });
    }
    return { citizenId: account.citizenId, idToken: tokens.idToken, nextPath: attempt.nextPath };
  }

  private async refuse(
    reason: OidcRefusal,
    ip: string,
    nationalId: string | null,
    data: Record<string, unknown>,
  ): Promise<{ refused: OidcRefusal }> {
    await this.audit.record(this.db.manager, {
      actor: { kind: 'citizen', id: null, ip },
      action: 'CITIZEN_EID_REFUSED',
      subjectType: 'eid_sign_in',
      subjectId: nationalId ?? 'unidentified',
      reason,
      data: { issuer: this.settings.issuer, ...data },
    });
    return { refused: reason };
  }
}
