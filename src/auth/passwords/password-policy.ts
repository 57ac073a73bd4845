import { normalizeName } from '../../common/vietnamese-text';
import { isCommonPassword } from '../common-passwords';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** What the password must not be: the account's own identifiers (whichever the account has). */
export interface PasswordContext {
  nationalId?: string | null;
  username?: string | null;
  phone?: string | null;
  fullName?: string | null;
}

/** Why a password is refused; the web pages turn each into a message in the reader's language. */
export type PasswordProblemCode =
  'TOO_SHORT' | 'TOO_LONG' | 'COMMON' | 'CITIZEN_ID' | 'PHONE' | 'NAME' | 'USERNAME';

const MESSAGES: Record<PasswordProblemCode, string> = {
  TOO_SHORT: `must be at least ${PASSWORD_MIN_LENGTH} characters long`,
  TOO_LONG: `must be at most ${PASSWORD_MAX_LENGTH} characters long`,
  COMMON:
    'is one of the most common passwords (or one with digits added), which attackers try first; choose another',
  CITIZEN_ID: 'must not be or contain your citizen ID number',
  PHONE: 'must not be or contain your phone number',
  NAME: 'must not be your name or part of it, with or without diacritics or digits added',
  USERNAME: 'must not be the username or part of it, with or without digits added',
};

/** Letters and digits only, lower case, without diacritics: "Nguyễn Văn An!" → "nguyenvanan". */
const compact = (text: string) => normalizeName(text).replace(/[^a-z0-9]/g, '');

/** A password's letters with the digits (and symbols) around them removed: "An.Nguyen1990!" → "annguyen". */
const core = (password: string) => compact(password).replace(/^[0-9]+|[0-9]+$/g, '');

/** The 9 digits after the 0 or +84 of a Vietnamese phone number. */
const phoneDigits = (phone: string) => phone.replace(/\D/g, '').replace(/^(84|0)/, '');

/**
 * The forms of a name a person would reuse: the whole name, without the family name, given name first,
 * and each part of three letters or more ("Nguyễn Văn An" → nguyenvanan, vanan, annguyenvan, nguyen, van).
 */
function nameForms(name: string, separators: RegExp): Set<string> {
  const parts = normalizeName(name).split(separators).map(compact).filter(Boolean);
  const forms = new Set([
    parts.join(''),
    parts.slice(1).join(''),
    [...parts.slice(-1), ...parts.slice(0, -1)].join(''),
  ]);
  for (const part of parts) if (part.length >= 3) forms.add(part);
  forms.delete('');
  return forms;
}

/** Common as it stands, or once the digits and symbols someone tacked on the end are taken off. */
function isCommon(password: string): boolean {
  const stem = password.trim().replace(/[\p{N}\p{P}\p{S}\s]+$/u, '');
  return isCommonPassword(password) || (stem.length >= 4 && isCommonPassword(stem));
}

/** Why a new password is refused (a code), or null when it is acceptable. */
export function passwordProblemCode(
  password: string,
  context: PasswordContext = {},
): PasswordProblemCode | null {
  // Length counts characters as people see them (code points), so Vietnamese letters count once.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'TOO_SHORT';
  if (length > PASSWORD_MAX_LENGTH) return 'TOO_LONG';
  if (isCommon(password)) return 'COMMON';
  const digits = compact(password);
  if (context.nationalId && digits.includes(context.nationalId)) return 'CITIZEN_ID';
  if (
    context.phone &&
    phoneDigits(context.phone).length >= 8 &&
    digits.includes(phoneDigits(context.phone))
  ) {
    return 'PHONE';
  }
  const letters = core(password);
  if (context.fullName && nameForms(context.fullName, /\s+/).has(letters)) return 'NAME';
  if (context.username && nameForms(context.username, /[._\-\s]+/).has(letters)) return 'USERNAME';
  return null;
}

/** Why a new password is refused, as words for the person choosing it (after "password"); null if fine. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const code = passwordProblemCode(password, context);
  return code && MESSAGES[code];
}
