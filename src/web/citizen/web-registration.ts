import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountLookup } from '../../auth/access/account-lookup';
import { CitizenRegistrationService } from '../../auth/citizens/citizen-registration.service';
import { Clock } from '../../common/clock';
import { PasswordProblemCode, passwordProblemCode } from '../../auth/passwords/password-policy';
import { DomainError } from '../../common/errors/domain-error';
import type { FieldProblem, FormValues } from '../http/form-errors';
import { WebSessionService } from '../session/web-session.service';
import { registerProblems } from './account-forms';

/** Each reason the password policy gives, as the message the form shows. */
const PASSWORD_KEYS: Record<PasswordProblemCode, string> = {
  TOO_SHORT: 'register.password.length',
  TOO_LONG: 'register.password.length',
  COMMON: 'register.password.common',
  CITIZEN_ID: 'register.password.citizenId',
  PHONE: 'register.password.phone',
  NAME: 'register.password.name',
  USERNAME: 'register.password.weak',
};

/** What the registration service's refusals mean on the form (never which detail failed to match). */
function problemFor(error: DomainError): FieldProblem | null {
  switch (error.code) {
    case 'VALIDATION_FAILED':
      return { field: 'password', key: 'register.password.weak' };
    case 'UNPROCESSABLE':
      return { field: 'nationalId', key: 'register.errors.noMatch' };
    case 'CONFLICT':
      return { field: 'nationalId', key: 'register.errors.exists' };
    case 'RATE_LIMITED':
      return { field: 'nationalId', key: 'register.errors.rateLimited' };
    default:
      return null;
  }
}

/** Registration from the web form: checked, confirmed against the driver record, then signed in. */
@Injectable()
export class WebRegistration {
  constructor(
    private readonly registration: CitizenRegistrationService,
    private readonly accounts: AccountLookup,
    private readonly sessions: WebSessionService,
    private readonly clock: Clock,
  ) {}

  async register(v: FormValues, request: FastifyRequest, reply: FastifyReply): Promise<FieldProblem[]> {
    const problems = registerProblems(v, this.clock.today());
    if (problems.length) return problems;
    // The service applies the same policy; asked here first to say in the reader's language why.
    const weak = passwordProblemCode(v.password, {
      nationalId: v.nationalId,
      phone: v.phone,
      fullName: v.fullName,
    });
    if (weak) return [{ field: 'password', key: PASSWORD_KEYS[weak] }];
    try {
      const account = await this.registration.register(
        {
          nationalId: v.nationalId,
          fullName: v.fullName,
          dateOfBirth: v.dateOfBirth,
          phone: v.phone,
          email: v.email || undefined,
          password: v.password,
        },
        request.ip,
      );
      const found = await this.accounts.find('citizen', account.id);
      if ('user' in found) await this.sessions.start(found.user, request, reply);
      return [];
    } catch (error) {
      const problem = error instanceof DomainError ? problemFor(error) : null;
      if (!problem) throw error;
      return [problem];
    }
  }
}
