import type { UpdateNotificationPreferencesDto } from '../../notifications/preferences/notification-preferences.dto';
import type { FieldProblem, FormValues } from '../http/form-errors';

export const NOTICE_FIELDS = ['sms', 'email', 'emailAddress', 'language'] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The account page's notice form: the same rules as the API, worded for the page. */
export function noticeProblems(v: FormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (v.emailAddress && (!EMAIL.test(v.emailAddress) || v.emailAddress.length > 254))
    problems.push({ field: 'emailAddress', key: 'account.emailAddress.format' });
  else if (v.email === 'true' && !v.emailAddress)
    problems.push({ field: 'emailAddress', key: 'account.emailAddress.required' });
  if (v.sms !== 'true' && v.email !== 'true')
    problems.push({ field: 'sms', key: 'account.channels.oneRequired' });
  if (!['vi', 'en'].includes(v.language))
    problems.push({ field: 'language', key: 'account.language.required' });
  return problems;
}

/** What the form says, as a change for the preferences service (unticked boxes are not sent: false). */
export function noticeChange(v: FormValues): UpdateNotificationPreferencesDto {
  return {
    sms: v.sms === 'true',
    email: v.email === 'true',
    emailAddress: v.emailAddress || null,
    language: v.language as 'vi' | 'en',
  };
}
