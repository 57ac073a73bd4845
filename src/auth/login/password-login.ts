import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { PasswordHasher } from '../passwords/password-hasher';
import { LOCKOUT, LOGIN_PER_ADDRESS, LOGIN_PER_IDENTIFIER } from './login-limits';
import { AccountKind, LoginFailures } from './login-failures';
import { RateLimiter, tooManyRequests } from './rate-limiter';

/** The fields a password sign-in needs from an account row. */
export interface PasswordAccount {
  id: string;
  passwordHash: string | null;
  failedLogins: number;
  lockedUntil: Date | null;
}

export interface PasswordAttempt<A extends PasswordAccount> {
  kind: AccountKind;
  /** Citizen ID or username, as typed: the key of the per-identifier limit. */
  identifier: string;
  password: string;
  ip: string;
  findAccount: () => Promise<A | null>;
}

/** One message for every wrong-credentials case, so a reply never reveals whether an account exists. */
export const wrongCredentials = () =>
  new DomainError(
    'UNAUTHENTICATED',
    `The ID or password is not correct. After ${LOCKOUT.failures} wrong attempts in a row the account is locked for ${LOCKOUT.seconds / 60} minutes.`,
  );

const lockedError = (until: Date) =>
  tooManyRequests(
    'This account is locked after too many wrong passwords.',
    Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)),
  );

/**
 * The password check shared by citizen and staff sign-in: rate limits (Redis, every process), the
 * lockout (Postgres), and an argon2 verification that costs the same whether or not the account exists.
 */
@Injectable()
export class PasswordLogin {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly failures: LoginFailures,
    private readonly hasher: PasswordHasher,
  ) {}

  async verify<A extends PasswordAccount>(attempt: PasswordAttempt<A>): Promise<A> {
    const identifierKey = `${attempt.kind}:${attempt.identifier.toLowerCase()}`;
    await this.limiter.enforce('Too many sign-in attempts.', [
      [LOGIN_PER_ADDRESS, attempt.ip],
      [LOGIN_PER_IDENTIFIER, identifierKey],
    ]);
    const account = await attempt.findAccount();
    if (account?.lockedUntil && account.lockedUntil.getTime() > Date.now()) {
      throw lockedError(account.lockedUntil);
    }
    const matches = await this.hasher.verify(account?.passwordHash ?? null, attempt.password);
    if (!account) throw wrongCredentials();
    if (!matches) {
      const lockedUntil = await this.failures.recordFailure(attempt.kind, account.id, attempt.ip);
      throw lockedUntil ? lockedError(lockedUntil) : wrongCredentials();
    }
    if (account.failedLogins > 0 || account.lockedUntil) {
      await this.failures.clearFailures(attempt.kind, account.id);
    }
    // The owner proved themselves: their own sign-ins should not use up the per-ID allowance.
    await this.limiter.reset(LOGIN_PER_IDENTIFIER, identifierKey);
    return account;
  }
}
