import { Injectable } from '@nestjs/common';
import { CitizenAccountsRepository } from '../citizens/citizen-accounts.repository';
import { PasswordLogin } from '../login/password-login';
import { CitizenIdentityProvider, VerifiedCitizenIdentity } from './citizen-identity-provider';

/** The default provider: citizen ID and the password chosen at registration. */
@Injectable()
export class PasswordCitizenIdentityProvider implements CitizenIdentityProvider {
  constructor(
    private readonly citizens: CitizenAccountsRepository,
    private readonly passwordLogin: PasswordLogin,
  ) {}

  async verify(credentials: Record<string, string>, clientIp: string): Promise<VerifiedCitizenIdentity> {
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
