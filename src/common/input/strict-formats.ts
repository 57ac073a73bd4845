/**
 * The formats the service accepts at its edge, as pure functions: one definition used by the path
 * pipes, the class-validator decorators, the cursor decoder and the web forms. Stricter than
 * Postgres's own parsers on purpose: anything Postgres would refuse (a 36-hex-digit "uuid", an ISO
 * week date) must be refused here first, as a 4xx, and never reach a query.
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isStrictUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID_PATTERN.test(value);

/** A real calendar date written YYYY-MM-DD (years 1000–9999). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[1-9]\d{3}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/i;

/** A full ISO 8601 date-time with a zone: 2026-03-01T08:00:00Z, 2026-03-01T08:00+07:00. */
export function isDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_TIME.exec(value);
  return match !== null && isCalendarDate(match[1]);
}

/** What date filters take: a calendar date or a full date-time (no week or ordinal dates). */
export const isDateOrDateTime = (value: unknown): value is string =>
  isCalendarDate(value) || isDateTime(value);

/** A non-negative whole number that fits a Postgres bigint. */
export function isBigintId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^(0|[1-9]\d{0,18})$/.test(value) &&
    BigInt(value) <= 9_223_372_036_854_775_807n
  );
}

// C0 controls and DEL. Postgres refuses NUL in text; the others have no business in a form field.
/* eslint-disable no-control-regex -- matching control characters is the point */
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/* eslint-enable no-control-regex */

/**
 * True when the text holds a control character. Tabs and line breaks are allowed only where the
 * caller says multi-line text is expected (message bodies), never in query strings or path params.
 */
export function hasControlCharacter(value: string, allowLineBreaks: boolean): boolean {
  return (allowLineBreaks ? CONTROL_EXCEPT_LINES : CONTROL).test(value);
}
