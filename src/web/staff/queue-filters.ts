import { APPLICATION_TYPES } from '../../applications/dto/create-application.dto';
import type { WorkQueueQueryDto } from '../../review/dto/work-queue.dto';
import { APPLICATION_STATUSES } from '../../workflow/application-workflow';

export const QUEUE_OUTCOMES = ['ELIGIBLE', 'FLAGGED', 'INELIGIBLE'] as const;

export interface QueueFilters {
  status: string;
  outcome: string;
  type: string;
  breached: string;
  /** The search box: reference, citizen ID, licence number or name. */
  q: string;
  cursor: string;
}

const pick = (value: unknown, allowed: readonly string[]) =>
  typeof value === 'string' && allowed.includes(value) ? value : '';

/** The queue's filters from the query string; anything not on the lists is ignored, not an error. */
export function queueFilters(query: Record<string, unknown>): QueueFilters {
  const cursor =
    typeof query.cursor === 'string' && /^[A-Za-z0-9_-]{1,300}$/.test(query.cursor) ? query.cursor : '';
  return {
    status: pick(query.status, APPLICATION_STATUSES),
    outcome: pick(query.outcome, QUEUE_OUTCOMES),
    type: pick(query.type, APPLICATION_TYPES),
    breached: query.breached === 'true' ? 'true' : '',
    q: typeof query.q === 'string' ? query.q.replace(/\s+/g, ' ').trim().slice(0, 100) : '',
    cursor,
  };
}

export function toQueueQuery(f: QueueFilters, limit = 50): WorkQueueQueryDto {
  return {
    ...(f.status ? { status: f.status } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.type ? { type: f.type } : {}),
    ...(f.breached ? { breached: 'true' } : {}),
    ...(f.q.length >= 2 ? { q: f.q } : {}),
    ...(f.cursor ? { cursor: f.cursor } : {}),
    limit,
  };
}

/** The query string for the next page with the same filters. */
export function nextPageQuery(f: QueueFilters, nextCursor: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, cursor: nextCursor })) if (v) params.set(k, v);
  return `?${params.toString()}`;
}
