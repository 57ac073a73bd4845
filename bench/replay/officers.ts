import type { StaffMember } from '../database/stage-database';
import type { BenchHttpClient, JsonResponse } from '../support/http-client';

export interface OfficeCounts {
  approved: number;
  collected: number;
  /** A colleague handed over the returned card first: normal with several officers per province. */
  conflicts: number;
  errors: Record<string, number>;
  samples: string[];
}

export function emptyOfficeCounts(): OfficeCounts {
  return { approved: 0, collected: 0, conflicts: 0, errors: {}, samples: [] };
}

interface QueueItem {
  id: string;
}

/** Decisions before an officer looks at the cards the post brought back, when the queue never empties. */
const ROUND = 20;

/**
 * How long an idle member's ask waits for a case to arrive (claim-next's waitSeconds) before the
 * member looks at the returned cards and asks again; also how late a member notices the replay ended.
 */
const WAIT_SECONDS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A member of a provincial office at work, through the staff API only: take the next waiting case
 * (`POST …/claim-next`: chosen and claimed by the service, so colleagues never race for one; when
 * none is waiting, the ask waits for one to arrive) and approve it with the version the claim returned,
 * taking the next case of the same kind with the approval (`takeNext`).
 * Officers take the clean cases, supervisors the flagged ones (four eyes); officers also hand over cards
 * the post brought back, after every round and whenever an ask's wait ran out.
 */
export async function runOfficer(
  http: BenchHttpClient,
  me: StaffMember,
  counts: OfficeCounts,
  shouldStop: () => boolean,
): Promise<void> {
  const auth = { authorization: `Bearer ${me.token}` };
  const failed = (what: string, status: number, body: unknown) => {
    counts.errors[`${what} ${status}`] = (counts.errors[`${what} ${status}`] ?? 0) + 1;
    if (counts.samples.length < 10)
      counts.samples.push(`${what} ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  };
  const outcome = me.role === 'supervisor' ? 'FLAGGED' : 'ELIGIBLE';
  // The case the last approval took for this member, if any: then no claim-next is needed. It is kept
  // across rounds (a claim lasts CLAIM_TTL_MINUTES), not asked for again after the returned cards.
  let held: { id: string; version: number } | null = null;
  while (!shouldStop()) {
    for (let n = 0; n < ROUND && !shouldStop(); n++) {
      if (!held) {
        const next = await http.send<{ id: string; version: number }>(
          'POST /staff/applications/claim-next',
          'POST',
          '/api/v1/staff/applications/claim-next',
          { headers: auth, body: { outcome, waitSeconds: WAIT_SECONDS } },
        );
        if (next.status === 204) break;
        if (next.status !== 200) {
          failed('claim next', next.status, next.body);
          await sleep(2000); // not a tight loop against a failing service
          break;
        }
        held = next.body;
      }
      const approve: JsonResponse<{ next?: { id: string; version: number } | null }> = await http.send(
        'POST /staff/applications/:id/approve',
        'POST',
        `/api/v1/staff/applications/${held.id}/approve`,
        // The next case of the same kind comes with the approval (takeNext).
        { headers: auth, body: { version: held.version, takeNext: { outcome } } },
      );
      if (approve.status !== 200) {
        // The next claim would hand this case back: leave it for this round.
        failed('approve', approve.status, approve.body);
        held = null;
        break;
      }
      counts.approved++;
      held = approve.body.next ?? null;
    }
    if (me.role === 'officer') await collectReturned(http, auth, counts, failed);
  }
}

async function collectReturned(
  http: BenchHttpClient,
  auth: Record<string, string>,
  counts: OfficeCounts,
  failed: (what: string, status: number, body: unknown) => void,
): Promise<number> {
  const list = await http.send<{ items: QueueItem[] }>(
    'GET /staff/applications',
    'GET',
    `/api/v1/staff/applications?status=RETURNED_TO_OFFICE&limit=100`,
    { headers: auth },
  );
  if (list.status !== 200) {
    failed('list returned', list.status, list.body);
    return 0;
  }
  let done = 0;
  for (const item of list.body.items) {
    const res = await http.send(
      'POST /staff/applications/:id/collect',
      'POST',
      `/api/v1/staff/applications/${item.id}/collect`,
      {
        headers: auth,
      },
    );
    if (res.status === 200 || res.status === 201) {
      counts.collected++;
      done++;
    } else if (res.status === 409) counts.conflicts++;
    else failed('collect', res.status, res.body);
  }
  return done;
}
