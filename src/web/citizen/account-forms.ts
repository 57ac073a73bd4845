import { CITIZEN_ID_PATTERN } from '../../common/citizen-id';
import type { FieldProblem, FormValues } from '../http/form-errors';

export const REGISTER_FIELDS = [
  'nationalId',
  'fullName',
  'dateOfBirth',
  'phone',
  'email',
  'password',
  'passwordConfirm',
] as const;
export const SIGN_IN_FIELDS = ['nationalId', 'password'] as const;
export const STAFF_SIGN_IN_FIELDS = ['username', 'password'] as const;

const CITIZEN_ID = CITIZEN_ID_PATTERN;
const PHONE = /^(0|\+84)[0-9]{9}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A real calendar date written YYYY-MM-DD (what a date input sends). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The registration form, checked before anything is sent to the registration service. */
export function registerProblems(v: FormValues, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, key: string) => problems.push({ field, key });
  if (!v.nationalId) add('nationalId', 'form.nationalId.required');
  else if (!CITIZEN_ID.test(v.nationalId)) add('nationalId', 'form.nationalId.format');
  if (!v.fullName) add('fullName', 'register.fullName.required');
  else if (v.fullName.length > 200) add('fullName', 'register.fullName.tooLong');
  if (!v.dateOfBirth) add('dateOfBirth', 'register.dateOfBirth.required');
  else if (!isCalendarDate(v.dateOfBirth) || v.dateOfBirth >= today)
    add('dateOfBirth', 'register.dateOfBirth.invalid');
  if (!v.phone) add('phone', 'form.phone.required');
  else if (!PHONE.test(v.phone)) add('phone', 'form.phone.format');
  if (v.email && (!EMAIL.test(v.email) || v.email.length > 254)) add('email', 'register.email.format');
  if (!v.password) add('password', 'register.password.required');
  else if (v.password.length < 8 || v.password.length > 128) add('password', 'register.password.length');
  else if (v.password !== v.passwordConfirm) add('passwordConfirm', 'register.passwordConfirm.mismatch');
  return problems;
}

export function signInProblems(v: FormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!v.nationalId) problems.push({ field: 'nationalId', key: 'form.nationalId.required' });
  else if (!CITIZEN_ID.test(v.nationalId))
    problems.push({ field: 'nationalId', key: 'form.nationalId.format' });
  if (!v.password) problems.push({ field: 'password', key: 'signIn.password.required' });
  return problems;
}

export function staffSignInProblems(v: FormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!v.username) problems.push({ field: 'username', key: 'staffSignIn.username.required' });
  if (!v.password) problems.push({ field: 'password', key: 'signIn.password.required' });
  return problems;
}
