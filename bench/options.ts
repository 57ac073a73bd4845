import { parseArgs } from 'node:util';

/** Which parts of the benchmark to run, in this order. */
export const STAGES = ['load', 'floor', 'replay'] as const;
export type Stage = (typeof STAGES)[number];

/** How many processes of each role the service runs as, e.g. 2x2 = two api and two worker processes. */
export interface Topology {
  api: number;
  workers: number;
}

export interface BenchOptions {
  /** Drivers in the national reference data set the benchmark database is seeded with. */
  drivers: number;
  seed: string;
  /** Applications the replay takes end to end. */
  apps: number;
  /** Concurrent citizens (HTTP connections) of the submission load, and submitters of the replay. */
  clients: number;
  /** Seconds the submission load runs. */
  durationSeconds: number;
  /** Seconds each floor measurement runs. */
  floorSeconds: number;
  /** Process counts the stages run with; the replay runs once per topology (scale-out comparison). */
  topologies: Topology[];
  stages: Stage[];
  /** Payment-provider callbacks in flight at once during the replay. */
  payers: number;
  /** Simulated officers per province and role (officer for clean cases, supervisor for flagged). */
  officersPerProvince: number;
  /** Postal simulator pollers. */
  pollers: number;
  /** Chance a delivery attempt fails (cards that fail three times go back to the office). */
  failRate: number;
  /** Settings passed to every service process. */
  dbPoolSize: number;
  workerConcurrency: number;
  /** The replay gives up (and reports what it reached) after this long. */
  replayTimeoutSeconds: number;
  /** Postgres as a superuser (creates and drops the benchmark databases). */
  adminDatabaseUrl: string;
  redisUrl: string;
  /** Name prefix of the databases (and the Redis key prefix) the benchmark owns. */
  name: string;
  /** Directory the JSON result goes to. */
  resultsDir: string;
  /** Rebuild the seeded template even when one with the same settings exists. */
  reseed: boolean;
  /** Node flags for the service processes (e.g. --cpu-prof --cpu-prof-dir=bench/profiles). */
  serviceNodeArgs: string[];
  progress: boolean;
  /** A note stored with the result (what changed since the last run). */
  label: string;
}

export const BENCH_USAGE = `usage: npm run bench -- [options]

Prepares a benchmark database (migrations, then N drivers from the seed generator, citizens and
photo uploads for every licence that can be applied for online), starts the service in production
mode (compiled JavaScript, NODE_ENV=production, LOG_LEVEL=warn) as separate api and worker
processes, and runs:
  load    concurrent citizens POST /api/v1/applications over HTTP for a fixed time (autocannon)
  floor   the same database statements a submission makes, straight through pg, no HTTP, no queue
  replay  N applications end to end: submit, payment callback, eligibility checks, decision
          (straight-through for clean renewals, simulated officers through the API for the rest),
          issuance, postal claim, pickup and delivery by the postal simulator; verified in Postgres
Every stage starts from a fresh copy of the seeded database. Prints a markdown report and writes
the same figures as JSON to bench/results/.

options:
  --drivers N           drivers in the seeded reference data (default 300000)
  --seed S              seed of the generator (default bench)
  --apps N              applications the replay takes end to end (default 20000; the national
                        volume by mid-April 2024 was 254780)
  --clients N           concurrent citizens (default 64)
  --duration S          seconds of submission load (default 30)
  --floor-duration S    seconds of each floor measurement (default 15)
  --topology AxW[,..]   api x worker processes; the replay runs once per entry (default 1x1,2x2;
                        load and floor use the first)
  --stages a,b          which of load, floor, replay (default all three)
  --payers N            payment callbacks in flight (default 16)
  --officers N          simulated officers per province and role (default 3)
  --pollers N           postal simulator pollers (default 16)
  --fail-rate R         chance a delivery attempt fails, 0 to 1 (default 0)
  --db-pool N           DB_POOL_SIZE of each service process (default 10)
  --worker-concurrency N  WORKER_CONCURRENCY of each worker process (default 16)
  --replay-timeout S    give up a replay after S seconds (default 1800)
  --database-url URL    Postgres superuser URL (default postgres://postgres@127.0.0.1:5432/postgres)
  --redis-url URL       Redis (default redis://127.0.0.1:6379/0)
  --name NAME           prefix of the databases and Redis keys the bench owns (default lr_bench)
  --results DIR         where the JSON result goes (default bench/results)
  --reseed              rebuild the seeded template database even if one with these settings exists
  --service-node-args A node flags for the service processes, e.g. "--cpu-prof --cpu-prof-dir=DIR"
  --label TEXT          a note stored with the result
  --no-progress         no progress bars on stderr
  --help                this text`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function whole(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const clean = value.replace(/_/g, '');
  if (!/^\d+$/.test(clean) || Number(clean) < min) {
    throw new UsageError(`--${name} must be a whole number of at least ${min} (got "${value}")`);
  }
  return Number(clean);
}

function fraction(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`--${name} must be between 0 and 1`);
  return n;
}

export function parseTopologies(value: string): Topology[] {
  return value.split(',').map((part) => {
    const match = /^(\d+)x(\d+)$/.exec(part.trim());
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
      throw new UsageError(`--topology takes API x WORKERS entries such as 1x1,2x2 (got "${part}")`);
    }
    return { api: Number(match[1]), workers: Number(match[2]) };
  });
}

function parseStages(value: string): Stage[] {
  const asked = value.split(',').map((s) => s.trim());
  for (const stage of asked) {
    if (!(STAGES as readonly string[]).includes(stage)) {
      throw new UsageError(`--stages takes ${STAGES.join(', ')} (got "${stage}")`);
    }
  }
  return STAGES.filter((s) => asked.includes(s));
}

/** Reads the command line; throws UsageError (with a message naming the option) when it is wrong. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        drivers: { type: 'string' },
        seed: { type: 'string' },
        apps: { type: 'string' },
        clients: { type: 'string' },
        duration: { type: 'string' },
        'floor-duration': { type: 'string' },
        topology: { type: 'string' },
        stages: { type: 'string' },
        payers: { type: 'string' },
        officers: { type: 'string' },
        pollers: { type: 'string' },
        'fail-rate': { type: 'string' },
        'db-pool': { type: 'string' },
        'worker-concurrency': { type: 'string' },
        'replay-timeout': { type: 'string' },
        'database-url': { type: 'string' },
        'redis-url': { type: 'string' },
        name: { type: 'string' },
        results: { type: 'string' },
        reseed: { type: 'boolean' },
        'service-node-args': { type: 'string' },
        label: { type: 'string' },
        'no-progress': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const name = values.name ?? 'lr_bench';
  if (!/^[a-z][a-z0-9_]{1,40}$/.test(name)) {
    throw new UsageError('--name must be lower-case letters, digits and _ (a database name prefix)');
  }
  return {
    drivers: whole('drivers', values.drivers, 300_000, 100),
    seed: values.seed ?? 'bench',
    apps: whole('apps', values.apps, 20_000),
    clients: whole('clients', values.clients, 64),
    durationSeconds: whole('duration', values.duration, 30),
    floorSeconds: whole('floor-duration', values['floor-duration'], 15),
    topologies: parseTopologies(values.topology ?? '1x1,2x2'),
    stages: parseStages(values.stages ?? STAGES.join(',')),
    payers: whole('payers', values.payers, 16),
    officersPerProvince: whole('officers', values.officers, 3),
    pollers: whole('pollers', values.pollers, 16),
    failRate: fraction('fail-rate', values['fail-rate'], 0),
    dbPoolSize: whole('db-pool', values['db-pool'], 10),
    workerConcurrency: whole('worker-concurrency', values['worker-concurrency'], 16),
    replayTimeoutSeconds: whole('replay-timeout', values['replay-timeout'], 1800),
    adminDatabaseUrl: values['database-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: values['redis-url'] ?? 'redis://127.0.0.1:6379/0',
    name,
    resultsDir: values.results ?? 'bench/results',
    reseed: values.reseed ?? false,
    serviceNodeArgs: values['service-node-args']?.split(/\s+/).filter(Boolean) ?? [],
    progress: !values['no-progress'],
    label: values.label ?? '',
  };
}
