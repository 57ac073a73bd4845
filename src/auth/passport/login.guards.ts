import { CanActivate, ExecutionContext, Inject, Injectable, Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import passport from 'passport';
import { DomainError } from '../../common/errors/domain-error';
import { flattenValidationErrors } from '../../common/validation';
import type { AuthUser } from '../auth-user';
import { CitizenLoginDto } from '../citizens/dto/citizen-login.dto';
import { StaffLoginDto } from '../staff/dto/staff-login.dto';
import { authenticate, AUTHENTICATOR } from './authenticator';
import { CITIZEN_LOCAL, STAFF_LOCAL } from './strategies';

/**
 * Signs in with a passport-local strategy and puts the account on request.user for the controller to
 * issue tokens. Guards run before pipes, so the body is validated here first: a malformed body gets
 * the same field-named 400 as anywhere else, and never counts as a failed sign-in.
 */
abstract class LocalLoginGuard implements CanActivate {
  protected abstract readonly strategy: string;
  protected abstract readonly body: Type<object>;

  constructor(private readonly authenticator: passport.Authenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: AuthUser }>();
    const errors = await validate(plainToInstance(this.body, request.body ?? {}), {
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    if (errors.length) {
      const list = flattenValidationErrors(errors);
      throw new DomainError('VALIDATION_FAILED', list.map((e) => `${e.field}: ${e.message}`).join('; '), {
        errors: list,
      });
    }
    const outcome = await authenticate<AuthUser>(
      this.authenticator,
      this.strategy,
      request,
      http.getResponse<FastifyReply>(),
    );
    if (!outcome.user) {
      const info = outcome.info as { message?: string } | undefined;
      throw new DomainError('UNAUTHENTICATED', info?.message ?? 'Sign-in failed.');
    }
    request.user = outcome.user;
    return true;
  }
}

@Injectable()
export class CitizenLoginGuard extends LocalLoginGuard {
  protected readonly strategy = CITIZEN_LOCAL;
  protected readonly body = CitizenLoginDto;

  constructor(@Inject(AUTHENTICATOR) authenticator: passport.Authenticator) {
    super(authenticator);
  }
}

@Injectable()
export class StaffLoginGuard extends LocalLoginGuard {
  protected readonly strategy = STAFF_LOCAL;
  protected readonly body = StaffLoginDto;

  constructor(@Inject(AUTHENTICATOR) authenticator: passport.Authenticator) {
    super(authenticator);
  }
}
