import type { Language } from '../i18n/translator';

/** Dates and money as each language writes them, always in Vietnam's time zone. */
const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function formatVnd(amount: number, language: Language): string {
  return `${new Intl.NumberFormat(LOCALES[language]).format(amount)} VND`;
}

/** A calendar date (YYYY-MM-DD) or a timestamp, as a date. */
export function formatDate(value: string | Date | null | undefined, language: Language): string {
  if (!value) return '';
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value;
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: TIME_ZONE }).format(
    new Date(date),
  );
}

export function formatDateTime(value: string | Date | null | undefined, language: Language): string {
  if (!value) return '';
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}
