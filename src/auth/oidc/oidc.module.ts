import { Module } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { DriverMatchRepository } from '../citizens/driver-match.repository';
import { OidcAttemptsRepository } from './oidc-attempts.repository';
import { OidcCitizenAccounts } from './oidc-citizen-accounts';
import { OidcProviderClient } from './oidc-provider-client';
import { OidcSettings } from './oidc-settings';
import { OidcSignInService } from './oidc-sign-in.service';

/** Citizen sign-in with the national e-ID over OpenID Connect; the web pages drive it. */
@Module({
  providers: [
    {
      provide: OidcSettings,
      inject: [Environment],
      useFactory: (env: Environment) => OidcSettings.from(env),
    },
    OidcProviderClient,
    OidcAttemptsRepository,
    OidcCitizenAccounts,
    OidcSignInService,
    DriverMatchRepository,
  ],
  exports: [OidcSettings, OidcProviderClient, OidcSignInService],
})
export class OidcModule {}
