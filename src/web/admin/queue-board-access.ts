import type { AuthUser } from '../../auth/auth-user';

/** Where the operator's view of the queues (bull-board) is served. */
export const QUEUE_BOARD_PATH = '/staff/admin/queues';

/**
 * What the board may change: a failed job retried (one, or every failed job of a queue) and a delayed
 * job (one waiting out its back-off) run now. Everything else the board's API offers (adding jobs,
 * editing their data, emptying, cleaning, pausing or obliterating queues, schedulers, rate limits)
 * would act behind the workflow's back, so it is refused: the work itself lives in Postgres, and the
 * reconcile sources re-queue whatever Redis lost.
 */
const CHANGES_OFFERED: { method: string; path: RegExp; action: QueueBoardAction }[] = [
  { method: 'PUT', path: /^\/api\/queues\/([^/]+)\/([^/]+)\/retry$/, action: 'QUEUE_JOB_RETRIED' },
  { method: 'PUT', path: /^\/api\/queues\/([^/]+)\/retry\/failed$/, action: 'QUEUE_FAILED_JOBS_RETRIED' },
  { method: 'PUT', path: /^\/api\/queues\/([^/]+)\/([^/]+)\/promote$/, action: 'QUEUE_JOB_PROMOTED' },
];

/** A path segment percent-decoded, or null when it cannot be. */
function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export type QueueBoardAction = 'QUEUE_JOB_RETRIED' | 'QUEUE_FAILED_JOBS_RETRIED' | 'QUEUE_JOB_PROMOTED';

export type QueueBoardDecision =
  | { allow: true; change?: { action: QueueBoardAction; queue: string; jobId: string | null } }
  /** Nobody signed in: a page is sent to the staff sign-in, an API call is answered 401. */
  | { allow: false; status: 401; signIn: boolean }
  | { allow: false; status: 403; reason: 'NOT_ADMIN' | 'CHANGE_NOT_OFFERED' | 'CROSS_ORIGIN' };

/**
 * Who may see the board and what they may do there: staff with the admin role only; reading is free,
 * changes only those listed above, and only from a page of this site (a change from another origin is
 * refused even with the admin's cookie, on top of the session cookie being SameSite=Lax).
 */
export function queueBoardAccess(
  user: AuthUser | null,
  request: { method: string; path: string; origin: string | undefined; ownOrigins: string[] },
): QueueBoardDecision {
  const sub = request.path.slice(QUEUE_BOARD_PATH.length) || '/';
  const isApi = sub.startsWith('/api/');
  if (!user || user.kind !== 'staff') return { allow: false, status: 401, signIn: !isApi };
  if (user.role !== 'admin') return { allow: false, status: 403, reason: 'NOT_ADMIN' };
  if (request.method === 'GET' || request.method === 'HEAD') return { allow: true };
  if (request.origin !== undefined && !request.ownOrigins.includes(request.origin))
    return { allow: false, status: 403, reason: 'CROSS_ORIGIN' };
  for (const offered of CHANGES_OFFERED) {
    const match = request.method === offered.method ? offered.path.exec(sub) : null;
    if (match) {
      const queue = decoded(match[1]);
      const jobId = match[2] === undefined ? null : decoded(match[2]);
      if (queue === null || (match[2] !== undefined && jobId === null)) break;
      return { allow: true, change: { action: offered.action, queue, jobId } };
    }
  }
  return { allow: false, status: 403, reason: 'CHANGE_NOT_OFFERED' };
}
