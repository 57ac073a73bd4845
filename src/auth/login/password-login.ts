import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { PasswordHasher } from '../passwords/password-hasher';
import { LOGIN_PER_ADDRESS, LOGIN_PER_IDENTIFIER } from './login-limits';
import { RateLimiter } from './rate-limiter';

export type AccountKind = 'citizen' | 'staff';

/** The fields a password sign-in needs from an account row. */
export interface PasswordAccount {
  id: string;
  passwordHash: string | null;
  /** Staff only: a disabled account is refused like a wrong password (nothing revealed). */
  disabledAt?: Date | null;
}

export interface PasswordAttempt<A extends PasswordAccount> {
  kind: AccountKind;
  /** Citizen ID or username, as typed: the key of the per-identifier limit. */
  identifier: string;
  password: string;
  ip: string;
  findAccount: () => Promise<A | null>;
}

/**
 * One answer for an unknown ID, a wrong password and a disabled account, so a reply never reveals
 * whether an account exists.
 */
export const wrongCredentials = () =>
  new DomainError(
    'UNAUTHENTICATED',
    `The ID or password is not correct. After ${LOGIN_PER_IDENTIFIER.limit} tries with one ID, sign-in with ` +
      `it pauses for up to ${LOGIN_PER_IDENTIFIER.windowSeconds / 60} minutes.`,
  );

/**
 * The password check shared by citizen and staff sign-in. Throttling is per submitted ID and per client
 * address (Redis, every process), decided before the account is read, so its 429 is the same whether or
 * not the ID has an account; every refusal after that is the same 401, and an unknown ID costs the same
 * argon2 verification (against a dummy hash) as a known one. Nothing here changes the account: wrong
 * passwords cannot end the owner's sign-ins.
 */
@Injectable()
export class PasswordLogin {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly hasher: PasswordHasher,
  ) {}

  async verify<A extends PasswordAccount>(attempt: PasswordAttempt<A>): Promise<A> {
    const identifierKey = `${attempt.kind}:${attempt.identifier.toLowerCase()}`;
    await this.limiter.enforce('Too many sign-in attempts.', [
      [LOGIN_PER_ADDRESS, attempt.ip],
      [LOGIN_PER_IDENTIFIER, identifierKey],
    ]);
    const account = await attempt.findAccount();
    const matches = await this.hasher.verify(account?.passwordHash ?? null, attempt.password);
    if (!account || !matches || account.disabledAt) throw wrongCredentials();
    // The owner proved themselves: their own sign-ins should not use up the per-ID allowance.
    await this.limiter.reset(LOGIN_PER_IDENTIFIER, identifierKey);
    return account;
  }
}
