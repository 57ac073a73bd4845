import type { BenchResult, StageUsage } from '../run-bench';
import type { ReplayResult } from '../replay/run-replay';
import type { Topology } from '../options';

const n = (v: number) => Math.round(v).toLocaleString('en-US');
const ms = (v: number) => `${v.toFixed(1)} ms`;
const topo = (t: Topology) => `${t.api} api + ${t.workers} worker`;

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function usageTable(usage: StageUsage): string {
  const rows = usage.processes.map((p) => [
    p.label,
    p.rssStartMb,
    p.rssEndMb,
    p.rssPeakMb,
    p.rssTrendMb.map(Math.round).join(' → '),
    p.cpuSeconds,
    p.cores,
  ]);
  const ours = usage.processes.reduce((s, p) => s + p.cores, 0);
  const others = Math.round((usage.machine.busyCores - ours) * 100) / 100;
  rows.push([
    'rest of the machine (Redis, Postgres background work, other engineers)',
    '',
    '',
    '',
    '',
    '',
    others,
  ]);
  rows.push(['whole machine', '', '', '', '', '', usage.machine.busyCores]);
  const head = [
    'process',
    'RSS start MB',
    'RSS end MB',
    'RSS peak MB',
    'RSS over the stage MB',
    'CPU s',
    'cores',
  ];
  return table(head, rows);
}

/** CPU per unit of work: what the service and its database backends spent, whoever else was running. */
function costLine(usage: StageUsage, per: number, what: string, cores: number): string {
  const sum = (pick: (label: string) => boolean) =>
    usage.processes.filter((p) => pick(p.label)).reduce((s, p) => s + p.cpuSeconds, 0);
  const service = sum((l) => /^(api|worker)-/.test(l));
  const database = sum((l) => l.startsWith('postgres backends'));
  const perUnit = ((service + database) * 1000) / Math.max(1, per);
  return (
    `CPU per ${what}: ${((service * 1000) / Math.max(1, per)).toFixed(1)} ms in the service processes + ` +
    `${((database * 1000) / Math.max(1, per)).toFixed(1)} ms in their Postgres backends = ${perUnit.toFixed(1)} ms; ` +
    `${cores} cores doing nothing else could carry about ${n((cores * 1000) / Math.max(0.001, perUnit))} ${what}s/s ` +
    `(an estimate that ignores Redis, WAL writing and the clients).`
  );
}

function postgresLines(usage: StageUsage, per: number, what: string): string[] {
  const pg = usage.postgres;
  const lines = [
    `Postgres: ${n(pg.commits)} commits (${(pg.commits / Math.max(1, per)).toFixed(1)} per ${what}), ` +
      `${n(pg.rollbacks)} rollbacks, cache hit ${((pg.blocksHit / Math.max(1, pg.blocksHit + pg.blocksRead)) * 100).toFixed(2)} %.`,
  ];
  if (!usage.maintenance.serverAutovacuum) {
    lines.push(
      '',
      `The server runs with autovacuum off, so the bench applied autovacuum's default thresholds itself: ` +
        `${usage.maintenance.analyzed} ANALYZE and ${usage.maintenance.vacuumed} VACUUM of the stage's tables.`,
    );
  }
  if (pg.statementCalls !== null && pg.statementMs !== null) {
    lines[0] +=
      ` The service sent ${n(pg.statementCalls)} statements (${(pg.statementCalls / Math.max(1, per)).toFixed(1)} per ${what}), ` +
      `${n(pg.statementMs)} ms executing (${(pg.statementMs / Math.max(1, per)).toFixed(2)} ms per ${what}).`;
  }
  if (pg.statements?.length) {
    lines.push(
      '',
      table(
        ['statement', 'calls', 'total ms', 'mean ms'],
        pg.statements
          .slice(0, 10)
          .map((s) => [`\`${s.query.replace(/\|/g, '\\|')}\``, n(s.calls), n(s.totalMs), s.meanMs]),
      ),
    );
  } else if (pg.statementsNote) lines.push(`(${pg.statementsNote.split('\n')[0]})`);
  return lines;
}

function replaySection(r: ReplayResult & { topology: Topology; usage: StageUsage }, cores: number): string {
  const v = r.verification;
  const out = [
    `### Replay, ${topo(r.topology)}`,
    '',
    `${n(r.applications)} applications end to end in **${r.seconds} s** (${n(r.applicationsPerSecond)} applications/s)` +
      `${r.timedOut ? ' — TIMED OUT before every application was final' : ''}. ` +
      `Submission to final state per application: p50 ${r.endToEnd.p50} s, p95 ${r.endToEnd.p95} s, max ${r.endToEnd.max} s.`,
    '',
    `Verification from Postgres: **${v.ok ? 'passed' : 'FAILED'}** — ${n(v.accepted)} accepted, ${n(v.stored)} stored, ` +
      `${v.lost} lost, ${v.notFinal} not final, ${v.applicationsWithTwoCards} applications with two cards, ` +
      `${v.licencesIssuedTwice} licences with two active cards, ${v.shipmentsTwice} double shipments, ` +
      `${v.shipmentsMissing} missing shipments, ${v.paymentsTwice} double payments, ${v.notificationsUnsent} unsent notices. ` +
      `Final states: ${Object.entries(v.byStatus)
        .map(([s, c]) => `${s} ${n(c)}`)
        .join(', ')}.` +
      (v.problems.length ? ` Problems: ${v.problems.join('; ')}.` : ''),
    '',
    // Older results (before the audit check joined the verification) have no audit field.
    v.audit
      ? `Audit log (audit:verify, in process): **${v.audit.intact ? 'intact' : 'TAMPERED'}** — ${n(v.audit.entries)} entries in ` +
        `${n(v.audit.chains)} chains verified in ${v.audit.seconds} s` +
        (v.audit.problemCount ? `; ${v.audit.problemCount} problems: ${v.audit.problems.join('; ')}` : '') +
        '.'
      : 'Audit log: not verified in this run.',
    '',
    table(
      ['stage', 'count', 'first at s', 'last at s', 'per second'],
      r.stages.map((s) => [s.stage, n(s.count), s.firstAt ?? '', s.lastAt ?? '', n(s.perSecond)]),
    ),
    '',
    'Queue depths (waiting + active jobs; outbox rows; notices queued or sending) and applications over time:',
    '',
    queueTable(r),
    '',
    table(
      ['route', 'requests', 'p50', 'p95', 'p99', 'max', 'statuses'],
      Object.entries(r.http).map(([route, s]) => [
        route,
        n(s.requests),
        ms(s.latency.p50),
        ms(s.latency.p95),
        ms(s.latency.p99),
        ms(s.latency.max),
        Object.entries(s.byStatus)
          .map(([k, c]) => `${k}×${c}`)
          .join(' '),
      ]),
    ),
    '',
    `Simulated people: ${n(r.parties.submitted)} submitted, ${n(r.parties.paid)} paid, ${n(r.office.approved)} approved by staff, ` +
      `${n(r.office.collected)} collected at the office, ${n(r.postal.pickedUp)} picked up and ${n(r.postal.delivered)} delivered by the post ` +
      `(${n(r.postal.failedAttempts)} failed attempts, ${n(r.postal.returned)} returned); ` +
      `${n(r.httpRetries)} requests repeated after a connection reset.` +
      (r.parties.samples.length || r.office.samples.length
        ? ` Refusals: ${[...r.parties.samples, ...r.office.samples].slice(0, 5).join(' / ')}`
        : ''),
    '',
    usageTable(r.usage),
    '',
    costLine(r.usage, r.applications, 'application', cores),
    '',
    ...postgresLines(r.usage, r.applications, 'application'),
  ];
  return out.join('\n');
}

function queueTable(r: ReplayResult): string {
  const samples = r.samples;
  if (samples.length === 0) return '(no samples)';
  const picks = new Set<number>();
  const steps = Math.min(12, samples.length);
  for (let i = 0; i < steps; i++) picks.add(Math.round((i * (samples.length - 1)) / Math.max(1, steps - 1)));
  const depth = (s: (typeof samples)[number], q: keyof (typeof samples)[number]['queues']) =>
    s.queues[q].waiting + s.queues[q].active;
  return table(
    [
      't s',
      'applications',
      'final',
      'eligibility',
      'issuance',
      'timers (delayed)',
      'outbox',
      'notices',
    ],
    [...picks].map((i) => {
      const s = samples[i];
      const all = Object.values(s.statuses).reduce((a, b) => a + b, 0);
      return [
        s.t,
        n(all),
        n(s.final),
        n(depth(s, 'eligibility')),
        n(depth(s, 'issuance')),
        n(s.queues.timers.delayed),
        n(s.outbox),
        n(s.notices),
      ];
    }),
  );
}

/** The human-readable report: what the JSON holds, as tables. */
export function renderMarkdown(result: BenchResult): string {
  const m = result.machine;
  const o = result.options;
  const out: string[] = [
    `## Benchmark ${result.startedAt}${result.label ? ` — ${result.label}` : ''}`,
    '',
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}, Postgres ${m.postgres}, Redis ${m.redis} ` +
      `(maxmemory-policy ${m.redisMaxmemoryPolicy}). Shared with other engineers' test runs: load average ${m.loadAverageAtStart} at the start; ` +
      `the "rest of the machine" rows below include their work.`,
    '',
    `Data: ${n(o.drivers)} drivers (seed "${o.seed}"), ${n(result.template.workload)} licences a citizen could apply for online ` +
      `(${Object.entries(result.template.mix)
        .map(([t, c]) => `${t} ${n(c)}`)
        .join(', ')}).` +
      ` Service: DB_POOL_SIZE ${o.dbPoolSize}, WORKER_CONCURRENCY ${o.workerConcurrency}, NODE_ENV=production, LOG_LEVEL=warn.`,
  ];
  if (result.load) {
    const l = result.load;
    out.push(
      '',
      `### Submission load, ${topo(l.topology)}, ${l.connections} citizens, ${l.seconds} s (autocannon)`,
      '',
      table(
        [
          'applications/s (201)',
          'requests/s',
          'p50',
          'p95',
          'p99',
          'max',
          'responses by status',
          'errors',
          'load generator',
        ],
        [
          [
            `**${n(l.createdPerSecond)}**`,
            n(l.requestsPerSecond),
            ms(l.latency.p50),
            ms(l.latency.p95),
            `**${ms(l.latency.p99)}**`,
            ms(l.latency.max),
            Object.entries(l.byStatus)
              .map(([k, c]) => `${k}×${n(c)}`)
              .join(' '),
            `${l.errors} errors, ${l.timeouts} timeouts${l.poolExhausted ? ', pool exhausted' : ''}`,
            `${l.generatorCores} cores`,
          ],
        ],
      ),
      '',
      usageTable(l.usage),
      '',
      costLine(l.usage, l.byStatus['201'] ?? 0, 'submission', m.cores),
      '',
      ...postgresLines(l.usage, l.byStatus['201'] ?? 0, 'submission'),
    );
  }
  if (result.floor) {
    const f = result.floor;
    out.push(
      '',
      '### Floor: the same statements straight through pg (no HTTP, no framework, no queue)',
      '',
      table(
        ['connections', 'submissions/s', 'p50', 'p99', 'statements per submission', 'errors'],
        [f.sameConcurrency, f.servicePoolConcurrency].map((x) => [
          x.concurrency,
          `**${n(x.perSecond)}**`,
          ms(x.latency.p50),
          ms(x.latency.p99),
          x.statementsPerSubmission,
          x.errors ? `${x.errors} (${x.firstError})` : 0,
        ]),
      ),
    );
    if (result.floorRatio !== undefined) {
      out.push(
        '',
        `Submission over HTTP at **${(result.floorRatio * 100).toFixed(1)} %** of the floor at the same concurrency ` +
          `(${(((result.load?.createdPerSecond ?? 0) / Math.max(1, f.servicePoolConcurrency.perSecond)) * 100).toFixed(1)} % of the floor at the service's own connection count).`,
      );
    }
  }
  if (result.replays.length) {
    out.push(
      '',
      table(
        ['replay', 'applications', 'seconds', 'applications/s', 'e2e p50 s', 'e2e p95 s', 'verified'],
        result.replays.map((r) => [
          topo(r.topology),
          n(r.applications),
          r.seconds,
          n(r.applicationsPerSecond),
          r.endToEnd.p50,
          r.endToEnd.p95,
          r.verification.ok ? 'yes' : 'NO',
        ]),
      ),
    );
    for (const r of result.replays) out.push('', replaySection(r, m.cores));
  }
  return out.join('\n');
}
