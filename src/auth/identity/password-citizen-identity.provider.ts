import { Injectable } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { CitizenAccountsRepository } from '../citizens/citizen-accounts.repository';
import { passwordAccountsOff } from '../oidc/password-accounts';
import { PasswordLogin } from '../login/password-login';
import { CitizenIdentityProvider, VerifiedCitizenIdentity } from './citizen-identity-provider';

/** The default provider: citizen ID and the password chosen at registration. */
@Injectable()
export class PasswordCitizenIdentityProvider implements CitizenIdentityProvider {
  constructor(
    private readonly citizens: CitizenAccountsRepository,
    private readonly passwordLogin: PasswordLogin,
    private readonly env: Environment,
  ) {}

  async verify(credentials: Record<string, string>, clientIp: string): Promise<VerifiedCitizenIdentity> {
    if (!this.env.PASSWORD_SIGN_IN_ENABLED) throw passwordAccountsOff();
    const nationalId = credentials.nationalId ?? '';
    const account = await this.passwordLogin.verify({
      kind: 'citizen',
      identifier: nationalId,
      password: credentials.password ?? '',
      ip: clientIp,
      findAccount: () => this.citizens.findWithPasswordByNationalId(nationalId),
    });
    return { nationalId: account.nationalId, fullName: account.fullName, dateOfBirth: account.dateOfBirth };
  }
}
