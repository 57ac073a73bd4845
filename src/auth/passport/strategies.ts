import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import passport from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import { Strategy as LocalStrategy } from 'passport-local';
import type { FastifyRequest } from 'fastify';
import { Environment } from '../../config/environment';
import { DomainError } from '../../common/errors/domain-error';
import { AccountLookup } from '../access/account-lookup';
import type { AuthUser } from '../auth-user';
import { CitizenAccountsRepository } from '../citizens/citizen-accounts.repository';
import { CITIZEN_IDENTITY_PROVIDER, CitizenIdentityProvider } from '../identity/citizen-identity-provider';
import { PasswordLogin } from '../login/password-login';
import { StaffAccountsRepository } from '../staff/staff-accounts.repository';
import { AccessTokenClaims, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../tokens/access-token-claims';

export const CITIZEN_LOCAL = 'citizen-local';
export const STAFF_LOCAL = 'staff-local';
export const ACCESS_JWT = 'access-jwt';

type Done = (error: unknown, user?: AuthUser | false, info?: { message: string }) => void;

/** Settles a passport callback from a promise: a value signs in, false refuses, a throw errs. */
function settle(done: Done, work: Promise<AuthUser | { refused: string }>): void {
  work.then(
    (result) => ('refused' in result ? done(null, false, { message: result.refused }) : done(null, result)),
    (error: unknown) => done(error),
  );
}

/**
 * Builds this application's passport instance with its three strategies. A private Authenticator, not
 * passport's global singleton: two apps in one process (tests, or api and worker side by side) would
 * otherwise overwrite each other's strategies and share each other's database.
 */
@Injectable()
export class AuthStrategies {
  constructor(
    private readonly env: Environment,
    private readonly accounts: AccountLookup,
    private readonly citizens: CitizenAccountsRepository,
    private readonly staff: StaffAccountsRepository,
    private readonly passwordLogin: PasswordLogin,
    @Inject(CITIZEN_IDENTITY_PROVIDER) private readonly identities: CitizenIdentityProvider,
  ) {}

  build(): passport.Authenticator {
    const authenticator = new passport.Authenticator();
    authenticator.use(CITIZEN_LOCAL, this.citizenLocal());
    authenticator.use(STAFF_LOCAL, this.staffLocal());
    authenticator.use(ACCESS_JWT, this.accessJwt());
    return authenticator;
  }

  private citizenLocal(): LocalStrategy {
    const options = {
      usernameField: 'nationalId',
      passwordField: 'password',
      passReqToCallback: true,
    } as const;
    return new LocalStrategy(options, (request, nationalId, password, done) =>
      settle(done, this.signInCitizen(nationalId, password, (request as unknown as FastifyRequest).ip)),
    );
  }

  private async signInCitizen(nationalId: string, password: string, ip: string): Promise<AuthUser> {
    const identity = await this.identities.verify({ nationalId, password }, ip);
    const account = await this.citizens.findByNationalId(identity.nationalId);
    if (!account) {
      throw new DomainError(
        'UNAUTHENTICATED',
        'There is no account for this citizen ID yet: register first.',
      );
    }
    return {
      kind: 'citizen',
      id: account.id,
      role: 'citizen',
      nationalId: account.nationalId,
      provinceCode: null,
      username: null,
    };
  }

  private staffLocal(): LocalStrategy {
    const options = {
      usernameField: 'username',
      passwordField: 'password',
      passReqToCallback: true,
    } as const;
    return new LocalStrategy(options, (request, username, password, done) =>
      settle(done, this.signInStaff(username, password, (request as unknown as FastifyRequest).ip)),
    );
  }

  private async signInStaff(
    username: string,
    password: string,
    ip: string,
  ): Promise<AuthUser | { refused: string }> {
    const account = await this.passwordLogin.verify({
      kind: 'staff',
      identifier: username,
      password,
      ip,
      findAccount: () => this.staff.findWithPasswordByUsername(username),
    });
    // A disabled account was refused above like a wrong password; this builds the signed-in user.
    const active = await this.accounts.find('staff', account.id);
    return 'user' in active ? active.user : active;
  }

  private accessJwt(): JwtStrategy {
    return new JwtStrategy(
      {
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse it as
        // a PEM public key on every verification, which costs ~0.5 ms; with a KeyObject it takes ~25 µs.
        secretOrKey: createSecretKey(Buffer.from(this.env.JWT_SECRET, 'utf8')) as unknown as Buffer,
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      },
      (claims: AccessTokenClaims, done: Done) => settle(done, this.accountOfToken(claims)),
    );
  }

  /** The token's account, if its sign-in is still live and began after the account's valid-after time. */
  private async accountOfToken(claims: AccessTokenClaims): Promise<AuthUser | { refused: string }> {
    if (typeof claims.sid !== 'string' || typeof claims.iat !== 'number') {
      return { refused: 'This access token is from an older version of the service; sign in again.' };
    }
    const found = await this.accounts.find(claims.kind, claims.sub, undefined, {
      startedAt: new Date(claims.iat * 1000),
      signInId: claims.sid,
    });
    return 'user' in found ? found.user : found;
  }
}
