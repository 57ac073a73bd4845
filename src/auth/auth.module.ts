import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { Environment } from '../config/environment';
import { AccountLookup } from './access/account-lookup';
import { JwtAuthGuard } from './access/jwt-auth.guard';
import { RolesGuard } from './access/roles.guard';
import { AuthController } from './auth.controller';
import { CitizenAccountsRepository } from './citizens/citizen-accounts.repository';
import { CitizenRegistrationService } from './citizens/citizen-registration.service';
import { DriverMatchRepository } from './citizens/driver-match.repository';
import { CITIZEN_IDENTITY_PROVIDER } from './identity/citizen-identity-provider';
import { PasswordCitizenIdentityProvider } from './identity/password-citizen-identity.provider';
import { PasswordLogin } from './login/password-login';
import { RateLimiter } from './login/rate-limiter';
import { AUTHENTICATOR } from './passport/authenticator';
import { CitizenLoginGuard, StaffLoginGuard } from './passport/login.guards';
import { AuthStrategies } from './passport/strategies';
import { PasswordHasher } from './passwords/password-hasher';
import { StaffAccountsRepository } from './staff/staff-accounts.repository';
import { StaffAccountsService } from './staff/staff-accounts.service';
import { StaffAdminController } from './staff/staff-admin.controller';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from './tokens/access-token-claims';
import { RefreshTokensRepository } from './tokens/refresh-tokens.repository';
import { TokenService } from './tokens/token.service';

/**
 * Accounts, sign-in and access control. Global, so any feature module can put @Citizen() / @Staff() on
 * its routes: the guards those decorators apply find their dependencies (the passport instance, the
 * account lookup) through this module's exports.
 */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        secret: env.JWT_SECRET,
        signOptions: {
          algorithm: 'HS256',
          expiresIn: env.JWT_ACCESS_TTL_SECONDS,
          issuer: TOKEN_ISSUER,
          audience: TOKEN_AUDIENCE,
        },
      }),
    }),
  ],
  controllers: [AuthController, StaffAdminController],
  providers: [
    AccountLookup,
    JwtAuthGuard,
    RolesGuard,
    CitizenLoginGuard,
    StaffLoginGuard,
    AuthStrategies,
    { provide: AUTHENTICATOR, inject: [AuthStrategies], useFactory: (s: AuthStrategies) => s.build() },
    // Password sign-in; the national e-ID (OpenID Connect) signs in through src/auth/oidc instead.
    { provide: CITIZEN_IDENTITY_PROVIDER, useClass: PasswordCitizenIdentityProvider },
    PasswordHasher,
    RateLimiter,
    PasswordLogin,
    CitizenAccountsRepository,
    DriverMatchRepository,
    CitizenRegistrationService,
    StaffAccountsRepository,
    StaffAccountsService,
    RefreshTokensRepository,
    TokenService,
  ],
  exports: [
    AUTHENTICATOR,
    AccountLookup,
    JwtAuthGuard,
    RolesGuard,
    TokenService,
    PasswordHasher,
    RateLimiter,
  ],
})
export class AuthModule {}
