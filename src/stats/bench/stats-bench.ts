import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { Clock } from '../../common/clock';
import { loadEnvironment } from '../../config/environment';
import { addDays } from '../../config/policy/calendar-date';
import { dataSourceOptions } from '../../database/data-source-options';
import { migrationUrl } from '../../database/migrate-database';
import { runMigrationsLocked } from '../../database/migrator';
import { APPLICATION_STATUSES } from '../../workflow/application-workflow';
import { StatsRollup } from '../stats-rollup';
import { StatsRepository } from '../stats.repository';
import { StatsService } from '../stats.service';
import { insertSyntheticApplications } from './synthetic-applications';

const USAGE = `usage: npm run stats:bench -- [--count N] [--days D] [--database NAME] [--runs R] [--keep] [--reuse]
  Creates the scratch database NAME (default lr_stats_bench) on the server of MIGRATION_DATABASE_URL,
  migrates it, inserts N synthetic applications (default 1,000,000) spread over D days (default 365)
  with generate_series, folds the statistics and times every statistics read R times (default 5).
  The database is dropped afterwards unless --keep; --reuse times the reads of a kept one again.`;

const AUDITOR: AuthUser = {
  kind: 'staff',
  id: 'bench',
  role: 'auditor',
  nationalId: null,
  provinceCode: null,
  username: 'bench',
};
const OFFICER_79: AuthUser = { ...AUDITOR, role: 'officer', provinceCode: '79' };

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

/** Median and worst of `runs` warm runs (after one run that warms the cache). */
async function measure(runs: number, work: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(work)).ms);
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], max: times[times.length - 1] };
}

async function admin(url: string, sql: string): Promise<void> {
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new Client({ connectionString: server.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function load(ds: DataSource, url: string, count: number, days: number): Promise<void> {
  await runMigrationsLocked(ds);
  const client = new Client({ connectionString: url });
  await client.connect();
  const { ms } = await timed(() =>
    insertSyntheticApplications(client, { count, days, now: new Date(), seed: 42 }),
  );
  await client.end();
  console.log(
    `inserted ${count.toLocaleString('en')} applications over ${days} days in ${(ms / 1000).toFixed(1)} s`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000000' },
      days: { type: 'string', default: '365' },
      database: { type: 'string', default: 'lr_stats_bench' },
      runs: { type: 'string', default: '5' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const [count, days, runs] = [values.count, values.days, values.runs].map((v) =>
    Number(v.replace(/_/g, '')),
  );
  if (![count, days, runs].every((n) => Number.isInteger(n) && n > 0) || !/^\w+$/.test(values.database)) {
    throw new Error(USAGE);
  }
  const url = new URL(migrationUrl(loadEnvironment()));
  url.pathname = `/${values.database}`;
  if (!values.reuse) {
    await admin(url.toString(), `DROP DATABASE IF EXISTS "${values.database}" WITH (FORCE)`);
    await admin(url.toString(), `CREATE DATABASE "${values.database}"`);
  }
  const ds = await new DataSource(
    dataSourceOptions({ DATABASE_URL: url.toString(), DB_POOL_SIZE: 10 }),
  ).initialize();
  try {
    if (!values.reuse) await load(ds, url.toString(), count, days);
    const fold = await timed(() => new StatsRollup(ds).fold());
    console.log(`folded ${fold.result.toLocaleString('en')} deltas in ${(fold.ms / 1000).toFixed(1)} s`);
    await ds.query(`VACUUM ANALYZE`);

    const clock = new Clock();
    const repository = new StatsRepository(ds);
    const service = new StatsService(repository, clock);
    const to = clock.today();
    const cases: [string, () => Promise<unknown>][] = [
      ['GET /api/v1/stats/public (all time)', () => service.publicReport({})],
    ];
    for (const span of [7, 30, 90, 365]) {
      const from = addDays(to, -(span - 1));
      cases.push([
        `GET /api/v1/stats ${span} days, national`,
        () => service.staffReport(AUDITOR, { from, to }),
      ]);
      cases.push([
        `GET /api/v1/stats ${span} days, province 79`,
        () => service.staffReport(OFFICER_79, { from, to }),
      ]);
    }
    cases.push([
      'metrics: applications by state (rollup)',
      () => repository.statesNow(null, APPLICATION_STATUSES),
    ]);
    cases.push([
      'for comparison: GROUP BY status on applications',
      () => ds.query(`SELECT status, count(*) FROM applications GROUP BY status`),
    ]);
    console.log(`\n| read | median ms | max ms |\n| --- | ---: | ---: |`);
    for (const [name, work] of cases) {
      const { median, max } = await measure(runs, work);
      console.log(`| ${name} | ${median.toFixed(1)} | ${max.toFixed(1)} |`);
    }
  } finally {
    await ds.destroy();
    if (!values.keep)
      await admin(url.toString(), `DROP DATABASE IF EXISTS "${values.database}" WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
