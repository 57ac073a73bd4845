import { formatParams, FormatLanguage, listInWords } from '../common/format/format';
import { messagesOf } from '../web/i18n/message-store';

/**
 * What citizens are told at each step. The texts are the `notice.*` entries of the translation files;
 * a notice is stored with its raw parameters (ISO times, amounts in VND, codes) and written out in one
 * language when it is sent or shown, so amounts and times always read as people write them.
 */
export type NotificationTemplate =
  | 'SUBMITTED'
  | 'PAID'
  | 'PAYMENT_FAILED'
  | 'EXPIRED'
  | 'CANCELLED'
  | 'IN_REVIEW'
  | 'REJECTED'
  | 'NEEDS_INFO'
  | 'APPROVED'
  | 'ISSUED'
  | 'READY_FOR_COLLECTION'
  | 'IN_DELIVERY'
  | 'DELIVERED'
  | 'RETURNED_TO_OFFICE'
  | 'COLLECTED'
  | 'VERIFYING_LICENCE'
  | 'LICENCE_VERIFIED'
  | 'REFUNDED';

/** Raw values only: strings, numbers, ISO dates and times, lists of codes. */
export type NotificationParams = Record<string, string | number | string[] | null | undefined>;

/** The language a citizen is written to when nothing says otherwise (there is no preference yet). */
export const NOTICE_LANGUAGE: FormatLanguage = 'vi';

/** The languages a notice is written in: the citizen's choice on their account. */
export type NoticeLanguage = FormatLanguage;

/** The notice in one language (the e-mail and SMS senders' name for renderNotification). */
export function renderNotificationIn(
  template: NotificationTemplate,
  params: NotificationParams,
  language: NoticeLanguage,
): string {
  return renderNotification(template, params, language);
}

export function renderNotification(
  template: string,
  params: NotificationParams,
  language: FormatLanguage = NOTICE_LANGUAGE,
): string {
  const text = messagesOf(language);
  const say = (key: string) => text[key] ?? key;
  const filled = formatParams(params, language);
  if (template === 'REJECTED') filled.reason = rejectionReason(params, language, say) ?? filled.reason ?? '';
  return say(`notice.${template}`).replace(/\{(\w+)\}/g, (_, name: string) => filled[name] ?? '');
}

/**
 * Why an application was refused, in the reader's language: the officer's reason code as its sentence
 * followed by the officer's own note as written, or the checks that failed by name. Older notices
 * carry only an English `reason`, shown as it is.
 */
function rejectionReason(
  params: NotificationParams,
  language: FormatLanguage,
  say: (key: string) => string,
): string | null {
  const { reasonCode, note, failedRules } = params;
  if (typeof reasonCode === 'string') {
    return [say(`rejection.${reasonCode}`), typeof note === 'string' ? note : ''].filter(Boolean).join(' ');
  }
  if (Array.isArray(failedRules) && failedRules.length) {
    const checks = listInWords(
      failedRules.map((rule) => `“${say(`checks.${rule}`)}”`),
      language,
    );
    return say('notice.REJECTED.failedChecks').replace('{checks}', checks);
  }
  return null;
}
