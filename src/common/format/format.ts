/**
 * How people read amounts, dates and times (DOMAIN.md): `170.000 ₫` in Vietnamese, `170,000 VND` in
 * English; dates `08/12/2026` and times `08/12/2026 15:50` in Vietnam's time zone, whatever the
 * server's. Pages, API texts and notices all format through here; stored values stay raw (ISO, VND).
 */
export const FORMAT_LANGUAGES = ['vi', 'en'] as const;
export type FormatLanguage = (typeof FORMAT_LANGUAGES)[number];

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const grouping = (amount: number, separator: string) =>
  String(Math.round(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, separator);

export function formatMoney(amount: number, language: FormatLanguage): string {
  const sign = amount < 0 ? '-' : '';
  return language === 'vi' ? `${sign}${grouping(amount, '.')} ₫` : `${sign}${grouping(amount, ',')} VND`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Made once: building a formatter costs far more than using one, and every notice formats times. */
const VIETNAM_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Year, month, day, hour and minute of an instant on Vietnam's clocks (UTC+7, no daylight saving). */
function vietnamParts(instant: Date) {
  const parts = VIETNAM_CLOCK.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

const asInstant = (value: string | Date): Date | null => {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** A calendar date (`YYYY-MM-DD`, shown as it is) or an instant (its day in Vietnam) as `dd/MM/yyyy`. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string' && DATE_ONLY.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  const instant = asInstant(value);
  if (!instant) return String(value);
  const p = vietnamParts(instant);
  return `${p.day}/${p.month}/${p.year}`;
}

/** An instant as `dd/MM/yyyy HH:mm` on Vietnam's clocks. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string' && DATE_ONLY.test(value)) return formatDate(value);
  const instant = asInstant(value);
  if (!instant) return String(value);
  const p = vietnamParts(instant);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${pad(Number(p.minute))}`;
}

export const isCalendarDate = (value: unknown): boolean => typeof value === 'string' && DATE_ONLY.test(value);
export const isTimestamp = (value: unknown): boolean => typeof value === 'string' && TIMESTAMP.test(value);

/** Names of parameters that hold an amount of money in VND. */
const MONEY_PARAM = /^(amount|total|fee)$|Amount$|Total$|Fee$/;

export type RawParams = Record<string, unknown>;

/**
 * Parameters as stored (ISO dates and times, amounts as numbers) made ready for a sentence in
 * `language`: dates and times formatted, amounts written as money, lists joined. Everything else is
 * shown as it is.
 */
export function formatParams(params: RawParams, language: FormatLanguage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) out[name] = formatValue(name, value, language);
  return out;
}

export function formatValue(name: string, value: unknown, language: FormatLanguage): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return MONEY_PARAM.test(name) ? formatMoney(value, language) : formatNumber(value, language);
  if (typeof value === 'string' && isCalendarDate(value)) return formatDate(value);
  if (typeof value === 'string' && isTimestamp(value)) return formatDateTime(value);
  if (value instanceof Date) return formatDateTime(value);
  if (Array.isArray(value))
    return listInWords(
      value.map((v) => formatValue(name, v, language)),
      language,
    );
  if (typeof value === 'boolean') return language === 'vi' ? (value ? 'có' : 'không') : value ? 'yes' : 'no';
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

export function formatNumber(value: number, language: FormatLanguage): string {
  if (!Number.isInteger(value)) return String(value).replace('.', language === 'vi' ? ',' : '.');
  return Math.abs(value) < 10_000
    ? String(value)
    : `${value < 0 ? '-' : ''}${grouping(value, language === 'vi' ? '.' : ',')}`;
}

/** "B", "B and C", "A1, B and C" — "B và C" in Vietnamese. */
export function listInWords(items: readonly string[], language: FormatLanguage): string {
  if (items.length <= 1) return items.join('');
  const and = language === 'vi' ? 'và' : 'and';
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
