import type { StaffMember } from '../database/stage-database';
import type { BenchHttpClient } from '../support/http-client';

export interface OfficeCounts {
  approved: number;
  collected: number;
  /** A colleague claimed the case first: normal with several officers per province. */
  conflicts: number;
  errors: Record<string, number>;
  samples: string[];
}

export function emptyOfficeCounts(): OfficeCounts {
  return { approved: 0, collected: 0, conflicts: 0, errors: {}, samples: [] };
}

interface QueueItem {
  id: string;
  claimedBy: string | null;
  version: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A member of a provincial office at work, through the staff API only: read the work queue, claim a
 * case, approve it with the version the claim returned. Officers take the clean cases, supervisors
 * the flagged ones (four eyes); officers also hand over cards the post brought back.
 */
export async function runOfficer(
  http: BenchHttpClient,
  me: StaffMember,
  counts: OfficeCounts,
  shouldStop: () => boolean,
  /** This member's share of the province's queue: the cases whose id falls on this seat. */
  share: { seat: number; of: number } = { seat: 0, of: 1 },
): Promise<void> {
  const auth = { authorization: `Bearer ${me.token}` };
  const failed = (what: string, status: number, body: unknown) => {
    counts.errors[`${what} ${status}`] = (counts.errors[`${what} ${status}`] ?? 0) + 1;
    if (counts.samples.length < 10)
      counts.samples.push(`${what} ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  };
  const outcome = me.role === 'supervisor' ? 'FLAGGED' : 'ELIGIBLE';
  while (!shouldStop()) {
    let acted = 0;
    const list = await http.send<{ items: QueueItem[] }>(
      'GET /staff/applications',
      'GET',
      `/api/v1/staff/applications?status=PENDING_REVIEW&outcome=${outcome}&limit=100`,
      { headers: auth },
    );
    if (list.status !== 200) failed('list', list.status, list.body);
    const items = list.status === 200 ? list.body.items : [];
    // Colleagues read the same queue: each takes its own share instead of racing for the same claims.
    for (const item of items.filter((x) => parseInt(x.id.slice(0, 8), 16) % share.of === share.seat)) {
      if (shouldStop()) return;
      if (item.claimedBy && item.claimedBy !== me.id) continue;
      const claim = await http.send<{ version: number }>(
        'POST /staff/applications/:id/claim',
        'POST',
        `/api/v1/staff/applications/${item.id}/claim`,
        { headers: auth },
      );
      if (claim.status === 409) {
        counts.conflicts++;
        continue;
      }
      if (claim.status !== 200) {
        failed('claim', claim.status, claim.body);
        continue;
      }
      const approve = await http.send(
        'POST /staff/applications/:id/approve',
        'POST',
        `/api/v1/staff/applications/${item.id}/approve`,
        {
          headers: auth,
          body: { version: claim.body.version },
        },
      );
      if (approve.status === 200) {
        counts.approved++;
        acted++;
      } else failed('approve', approve.status, approve.body);
    }
    if (me.role === 'officer') acted += await collectReturned(http, auth, counts, failed);
    // A member with nothing to do looks again two seconds later, not in a tight loop.
    if (acted === 0) await sleep(2000);
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
