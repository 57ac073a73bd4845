import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditLog } from '../../audit/audit-log';
import { DomainError } from '../../common/errors/domain-error';
import { Environment } from '../../config/environment';
import { namesMatch } from '../../common/vietnamese-text';
import { passwordAccountsOff } from '../oidc/password-accounts';
import { REGISTER_PER_ADDRESS, REGISTER_PER_IDENTIFIER } from '../login/login-limits';
import { RateLimiter } from '../login/rate-limiter';
import { PasswordHasher } from '../passwords/password-hasher';
import { passwordProblem } from '../passwords/password-policy';
import { CitizenAccount } from './citizen-account.entity';
import { DriverMatchRepository } from './driver-match.repository';
import { RegisteredCitizenDto, RegisterCitizenDto } from './dto/register-citizen.dto';

/** Deliberately one message: it must not reveal which detail differs, or whether the ID is on record. */
const NO_MATCH =
  'We could not confirm these details against the national driver record. Enter your citizen ID, full ' +
  'name and date of birth exactly as on your citizen ID card; if they are right, contact the licensing office.';

/** Creates citizen accounts, each confirmed against the driver record. */
@Injectable()
export class CitizenRegistrationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly drivers: DriverMatchRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditLog,
    private readonly env: Environment,
  ) {}

  async register(input: RegisterCitizenDto, ip: string): Promise<RegisteredCitizenDto> {
    if (!this.env.PASSWORD_SIGN_IN_ENABLED) throw passwordAccountsOff();
    await this.limiter.enforce('Too many registration attempts.', [
      [REGISTER_PER_ADDRESS, ip],
      [REGISTER_PER_IDENTIFIER, input.nationalId],
    ]);
    const weak = passwordProblem(input.password, {
      nationalId: input.nationalId,
      phone: input.phone,
      fullName: input.fullName,
    });
    if (weak) {
      throw new DomainError('VALIDATION_FAILED', `password: ${weak}`, {
        errors: [{ field: 'password', message: `password ${weak}` }],
      });
    }
    // Hashed before the lookup so a match and a miss take the same time.
    const passwordHash = await this.hasher.hash(input.password);
    const nameOnRecord = await this.drivers.nameOnRecord(input.nationalId, input.dateOfBirth);
    if (nameOnRecord === null || !namesMatch(nameOnRecord, input.fullName)) {
      throw new DomainError('UNPROCESSABLE', NO_MATCH);
    }

    const account = await this.db
      .transaction(async (tx) => {
        const citizen = tx.create(CitizenAccount, {
          id: randomUUID(),
          nationalId: input.nationalId,
          fullName: nameOnRecord,
          dateOfBirth: input.dateOfBirth,
          phone: input.phone,
          email: input.email ?? null,
          passwordHash,
        });
        await tx.insert(CitizenAccount, citizen);
        await this.audit.record(tx, {
          actor: { kind: 'citizen', id: citizen.id, ip },
          action: 'CITIZEN_REGISTERED',
          subjectType: 'citizen',
          subjectId: citizen.id,
          data: { nationalId: citizen.nationalId },
        });
        return citizen;
      })
      .catch((error: unknown) => {
        const code =
          error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
        if (code !== '23505') throw error;
        throw new DomainError(
          'CONFLICT',
          'An account already exists for this citizen ID. Sign in instead; if you forgot the password, contact the licensing office.',
        );
      });
    return { id: account.id, nationalId: account.nationalId, fullName: account.fullName };
  }
}
