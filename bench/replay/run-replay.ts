import { Client } from 'pg';
import { PROVINCE_CODES } from '../../src/records/provinces.data';
import { runSimulation, SimulationReport } from '../../src/postal/simulator/simulator';
import type { StageAccounts, WorkItem } from '../database/stage-database';
import { BenchHttpClient, RouteStats } from '../support/http-client';
import {
  emptyCounts,
  PartyCounts,
  runCitizens,
  runPaymentProvider,
  Submitted,
} from './citizens-and-provider';
import { Handoff } from './handoff';
import { emptyOfficeCounts, OfficeCounts, runOfficer } from './officers';
import {
  EndToEnd,
  endToEndTimes,
  StageFigure,
  stageFigures,
  Verification,
  verifyReplay,
} from './replay-figures';
import { FINAL_STATES, ReplayMonitor, ReplaySample } from './replay-monitor';

export interface ReplayOptions {
  apiUrls: string[];
  ownerUrl: string;
  redisUrl: string;
  queuePrefix: string;
  paymentSecret: string;
  /** The service's AUDIT_HMAC_KEY, for verifying the audit log afterwards. */
  auditSecret: string;
  accounts: StageAccounts;
  items: WorkItem[];
  clients: number;
  payers: number;
  pollers: number;
  failRate: number;
  timeoutSeconds: number;
  progress: boolean;
  runId: string;
  log: (line: string) => void;
}

export interface ReplayResult {
  applications: number;
  /** Until every accepted application was in a final state. */
  seconds: number;
  applicationsPerSecond: number;
  timedOut: boolean;
  stages: StageFigure[];
  endToEnd: EndToEnd;
  parties: PartyCounts;
  office: OfficeCounts;
  postal: Omit<SimulationReport, 'requests'> & { requests: SimulationReport['requests'][] };
  http: Record<string, RouteStats>;
  /** Requests the simulated people repeated after a connection reset. */
  httpRetries: number;
  samples: ReplaySample[];
  verification: Verification;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * N applications end to end through the running service: citizens submit, the provider pays,
 * workers check and approve clean renewals (the straight-through policy, switched on for every
 * province through the admin API), officers and supervisors decide the rest through the staff API,
 * workers issue, the postal simulator claims, picks up and delivers. Done when every accepted
 * application is in a final state; then verified in Postgres.
 */
export async function runReplay(o: ReplayOptions): Promise<ReplayResult> {
  const http = new BenchHttpClient(o.apiUrls, o.clients + o.payers + 200);
  const db = new Client({ connectionString: o.ownerUrl, application_name: 'licence-renewal-bench-monitor' });
  db.on('error', (error) => o.log(`monitor connection: ${error.message}`));
  await db.connect();
  const monitor = new ReplayMonitor(db, o.redisUrl, o.queuePrefix, o.items.length, o.progress);
  try {
    for (const code of PROVINCE_CODES) {
      const res = await http.send(
        'PUT /admin/provinces/:code/policy',
        'PUT',
        `/api/v1/admin/provinces/${code}/policy`,
        {
          headers: { authorization: `Bearer ${o.accounts.admin.token}` },
          body: { autoApproveCleanRenewals: true },
        },
      );
      if (res.status !== 200)
        throw new Error(`Could not set the policy of ${code}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const started = new Date();
    const deadline = started.getTime() + o.timeoutSeconds * 1000;
    let done = false;
    const stop = () => done || Date.now() > deadline;
    const parties = emptyCounts();
    const office = emptyOfficeCounts();
    const toPay = new Handoff<Submitted>();
    const accepted: string[] = [];
    const paidHandoff = new Handoff<Submitted>();
    // Remember every accepted id on its way to the provider.
    const relay = (async () => {
      for (let s = await toPay.take(); s; s = await toPay.take()) {
        accepted.push(s.applicationId);
        paidHandoff.push(s);
      }
      paidHandoff.close();
    })();
    const postalAbort = new AbortController();
    monitor.start();

    // Everything below runs side by side; a failure anywhere is kept and thrown once all have been awaited.
    const failures: unknown[] = [];
    const kept = <T>(p: Promise<T>): Promise<T | undefined> =>
      p.catch((error: unknown) => {
        failures.push(error);
        done = true;
        return undefined;
      });
    const citizens = kept(runCitizens(http, o.items, o.clients, toPay, parties, stop));
    const provider = kept(runPaymentProvider(http, o.paymentSecret, o.payers, paidHandoff, parties, o.runId));
    const staff = [...o.accounts.officers, ...o.accounts.supervisors].map((m) =>
      kept(runOfficer(http, m, office, stop)),
    );
    const perApi = Math.max(1, Math.floor(o.pollers / o.apiUrls.length));
    const postal = o.apiUrls.map((url, i) =>
      kept(
        runSimulation({
          url,
          apiKey: o.accounts.postalApiKey,
          pollers: i === 0 ? o.pollers - perApi * (o.apiUrls.length - 1) : perApi,
          failRate: o.failRate,
          claimLimit: 200,
          pollIntervalMs: 250,
          stepDelayMs: 0,
          duplicateRate: 0,
          lateRate: 0,
          seed: i + 1,
          signal: postalAbort.signal,
        }),
      ),
    );

    await citizens;
    await relay;
    await provider;
    // Every accepted application has been paid; wait for each to reach a final state.
    for (; failures.length === 0;) {
      const sample = (await monitor.sample()) ?? monitor.last();
      // The statistics also count attempts refused at submission (stored as REJECTED), so they can
      // reach the number accepted early: Postgres confirms that none of the accepted is still open.
      if (sample && sample.final >= accepted.length && (await openAmong(db, accepted)) === 0) break;
      if (Date.now() > deadline) break;
      await sleep(500);
    }
    const seconds = (Date.now() - started.getTime()) / 1000;
    const timedOut = Date.now() > deadline;
    done = true;
    postalAbort.abort();
    await Promise.all(staff);
    const postalReports = (await Promise.all(postal)).filter((r): r is SimulationReport => r !== undefined);
    if (failures.length) throw failures[0];
    // Notifications and the last outbox rows drain after the final states: wait for them (bounded).
    for (let waited = 0; waited < 60_000; waited += 500) {
      const { rows } = await db.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM notifications WHERE status <> 'SENT') + (SELECT count(*) FROM outbox) AS n`,
      );
      if (Number(rows[0].n) === 0) break;
      await sleep(500);
    }
    await monitor.stop();
    const verification = await verifyReplay(db, accepted, o.auditSecret);
    return {
      applications: accepted.length,
      seconds: Math.round(seconds * 10) / 10,
      applicationsPerSecond: Math.round(accepted.length / seconds),
      timedOut,
      stages: await stageFigures(db, started),
      endToEnd: await endToEndTimes(db),
      parties,
      office,
      postal: mergePostal(postalReports),
      http: http.stats(),
      httpRetries: http.retries,
      samples: monitor.samples,
      verification,
    };
  } finally {
    await monitor.stop().catch(() => undefined);
    await db.end();
    http.close();
  }
}

function mergePostal(reports: SimulationReport[]): ReplayResult['postal'] {
  const sum = (key: keyof SimulationReport) => reports.reduce((n, r) => n + (r[key] as number), 0);
  return {
    durationMs: Math.max(...reports.map((r) => r.durationMs)),
    claimed: sum('claimed'),
    pickedUp: sum('pickedUp'),
    lostLeases: sum('lostLeases'),
    delivered: sum('delivered'),
    returned: sum('returned'),
    failedAttempts: sum('failedAttempts'),
    eventsSent: sum('eventsSent'),
    resent: sum('resent'),
    sentLate: sum('sentLate'),
    answers: {
      APPLIED: reports.reduce((n, r) => n + r.answers.APPLIED, 0),
      DUPLICATE: reports.reduce((n, r) => n + r.answers.DUPLICATE, 0),
      REJECTED: reports.reduce((n, r) => n + r.answers.REJECTED, 0),
    },
    rejections: reports.flatMap((r) => r.rejections).slice(0, 10),
    requests: reports.map((r) => r.requests),
    throttled: sum('throttled'),
    retried: sum('retried'),
  };
}

/** How many of these applications are not yet in a final state. */
async function openAmong(db: Client, ids: string[]): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM applications WHERE id = ANY($1::uuid[]) AND status <> ALL($2::text[])`,
    [ids, FINAL_STATES],
  );
  return Number(rows[0].n);
}
