import { DomainError } from '../common/errors/domain-error';
import { addDays, daysBetween } from '../config/policy/calendar-date';

/** Days are Vietnam calendar days (UTC+7): what the ministry means by "per day". */
export const STATS_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Without `from`, the staff report covers the last 30 days up to `to`. */
export const DEFAULT_PERIOD_DAYS = 30;
/** A year (with a leap day): percentiles sort every duration in the period, so the span is bounded. */
export const MAX_PERIOD_DAYS = 366;

/** Inclusive range of Vietnam calendar days; `from` null means "since the first application". */
export interface StatsPeriod {
  from: string | null;
  to: string;
}

const invalid = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', `${field}: ${message}`, { errors: [{ field, message }] });

/**
 * The period a report covers. `to` defaults to today; `from` to 30 days ending at `to` (staff) or to
 * the beginning (public, `openStart`). A reversed or over-long range is refused naming the field.
 */
export function resolvePeriod(
  q: { from?: string; to?: string },
  today: string,
  options: { openStart?: boolean } = {},
): StatsPeriod {
  const to = q.to ?? today;
  const from = q.from ?? (options.openStart ? null : addDays(to, -(DEFAULT_PERIOD_DAYS - 1)));
  if (from === null) return { from, to };
  if (daysBetween(from, to) < 0) throw invalid('to', `to (${to}) must not be before from (${from})`);
  if (!options.openStart && daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) {
    throw invalid('from', `the period may span at most ${MAX_PERIOD_DAYS} days`);
  }
  return { from, to };
}

/** Every day of a closed period, in order (for a per-day series with no gaps). */
export function daysOf(period: { from: string; to: string }): string[] {
  const n = daysBetween(period.from, period.to) + 1;
  return Array.from({ length: n }, (_, i) => addDays(period.from, i));
}
