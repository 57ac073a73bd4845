import { DomainError } from '../../common/errors/domain-error';

/** PASSWORD_SIGN_IN_ENABLED=false: citizens neither register nor sign in with a password here. */
export const passwordAccountsOff = () =>
  new DomainError(
    'NOT_FOUND',
    'Citizen accounts with a password are not offered by this service: sign in with the national electronic identity on the sign-in page.',
  );
