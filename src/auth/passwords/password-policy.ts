import { isCommonPassword } from '../common-passwords';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** What the password must not equal: the account's own identifiers. */
export interface PasswordContext {
  nationalId?: string | null;
  username?: string | null;
}

/**
 * Why a new password is refused, as a sentence for the person choosing it; null when it is acceptable.
 * Length counts characters as people see them (code points), so Vietnamese letters count once.
 */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  if (isCommonPassword(password)) {
    return 'is one of the most common passwords, which attackers try first; choose another';
  }
  const same = (identifier?: string | null) =>
    !!identifier && password.trim().toLowerCase() === identifier.trim().toLowerCase();
  if (same(context.nationalId)) return 'must not be your citizen ID number';
  if (same(context.username)) return 'must not be the username';
  return null;
}
