import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { vietnamDateOf } from '../src/common/working-days';
import {
  APP_ROLE,
  createStageAccounts,
  createStageDatabase,
  BenchTokens,
  loadWorkItems,
  StageDatabase,
} from './database/stage-database';
import { prepareTemplate, TemplateInfo } from './database/template';
import { runSubmissionFloor, FloorResult } from './floor/submission-floor';
import { runSubmissionLoad, SubmissionLoadResult } from './load/submission-load';
import type { BenchOptions, Topology } from './options';
import { runReplay, ReplayResult } from './replay/run-replay';
import { ProcessSampler, ProcessUsage, MachineUsage } from './service/process-sampler';
import { deleteRedisPrefix } from './service/redis-keys';
import { RunningService, startService } from './service/service-processes';
import { machineInfo, MachineInfo } from './support/machine';
import { PostgresProfile, PostgresProfiler } from './support/pg-stats';
import { MaintenanceCounts, TableMaintenance } from './support/table-maintenance';

export interface StageUsage {
  processes: ProcessUsage[];
  machine: MachineUsage;
  postgres: PostgresProfile;
  /** ANALYZE/VACUUM the bench ran itself because the server's autovacuum was off. */
  maintenance: MaintenanceCounts;
}

export interface BenchResult {
  version: 1;
  startedAt: string;
  finishedAt: string;
  label: string;
  machine: MachineInfo;
  options: Omit<BenchOptions, 'adminDatabaseUrl' | 'redisUrl'>;
  template: TemplateInfo;
  load?: SubmissionLoadResult & { topology: Topology; usage: StageUsage };
  floor?: { sameConcurrency: FloorResult; servicePoolConcurrency: FloorResult };
  /** Our submissions per second over the floor's, at the same concurrency (the issue's ratio). */
  floorRatio?: number;
  replays: (ReplayResult & { topology: Topology; usage: StageUsage })[];
}

/**
 * Applications prepared per second of a stage: well above what this machine takes (the pool running
 * out is reported), without spending a minute signing tokens for applications never sent.
 */
const MAX_RATE_PER_SECOND = 2000;

/**
 * The whole benchmark, callable from the CLI (npm run bench) and from the smoke test. Each stage gets
 * a fresh copy of the seeded template, its own Redis key prefix and its own service processes, and
 * cleans them up after itself.
 */
export async function runBench(
  o: BenchOptions,
  log: (line: string) => void,
  /** Called after each stage with the result so far, so a later failure does not lose it. */
  checkpoint: (partial: BenchResult) => void = () => undefined,
): Promise<BenchResult> {
  const startedAt = new Date();
  const runId = `${startedAt.getTime().toString(36)}${randomBytes(2).toString('hex')}`;
  const workDir = join(tmpdir(), `lr-bench-${runId}`);
  mkdirSync(workDir, { recursive: true });
  const machine = await machineInfo(o.adminDatabaseUrl, o.redisUrl);
  log(
    `Machine: ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, Postgres ${machine.postgres}, Redis ${machine.redis}; load average ${machine.loadAverageAtStart}`,
  );
  const template = await prepareTemplate({
    adminUrl: o.adminDatabaseUrl,
    name: o.name,
    drivers: o.drivers,
    seed: o.seed,
    today: vietnamDateOf(startedAt),
    reseed: o.reseed,
    progress: o.progress,
    log,
  });
  if (o.stages.includes('replay') && o.apps > template.workload) {
    throw new Error(
      `--apps ${o.apps} is more than the ${template.workload} applications ${o.drivers} drivers allow: raise --drivers`,
    );
  }
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('hex'),
    PAYMENT_CALLBACK_SECRET: randomBytes(24).toString('hex'),
    AUDIT_HMAC_KEY: randomBytes(32).toString('hex'),
  };
  const tokens = new BenchTokens(secrets.JWT_SECRET, 4 * 3600);
  const { adminDatabaseUrl: _a, redisUrl: _r, ...shownOptions } = o;
  const result: BenchResult = {
    version: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    label: o.label,
    machine,
    options: shownOptions,
    template,
    replays: [],
  };

  const stage = async <T>(
    name: string,
    topology: Topology | null,
    work: (db: StageDatabase, service: RunningService | null, prefix: string) => Promise<T>,
  ): Promise<T> => {
    const prefix = `${o.name}:${runId}:${name}`;
    const db = await createStageDatabase(o.adminDatabaseUrl, template.database, `${o.name}_stage`);
    let service: RunningService | null = null;
    try {
      if (topology) {
        log(`Starting ${topology.api} api + ${topology.workers} worker processes for ${name}`);
        service = await startService({
          topology,
          redisUrl: o.redisUrl,
          queuePrefix: prefix,
          logDir: join(workDir, name),
          nodeArgs: o.serviceNodeArgs,
          env: serviceEnvironment(o, db, prefix, secrets),
        });
      }
      return await work(db, service, prefix);
    } finally {
      await service?.stop();
      await deleteRedisPrefix(o.redisUrl, prefix);
      await db.drop();
    }
  };

  const measured = async <T>(
    db: StageDatabase,
    service: RunningService | null,
    extra: (sampler: ProcessSampler) => void,
    work: () => Promise<T>,
  ): Promise<{ value: T; usage: StageUsage }> => {
    const sampler = new ProcessSampler(machine.cores);
    for (const p of service?.processes ?? []) if (p.child.pid) sampler.track(p.label, p.child.pid);
    sampler.track('bench', process.pid);
    // A backend's command line names its user and database: the service connects as the application
    // role, the bench itself (monitor, statistics, verification) as the owner, counted apart.
    const backendOf = (cmd: string) => cmd.startsWith('postgres:') && cmd.includes(` ${db.name} `);
    const serves = (cmd: string) => cmd.includes(` ${APP_ROLE} ${db.name} `);
    sampler.trackMatching(`postgres backends of ${db.name}`, (cmd) => backendOf(cmd) && serves(cmd));
    sampler.trackMatching(
      `bench's own connections to ${db.name} (monitor, verification)`,
      (cmd) => backendOf(cmd) && !serves(cmd),
    );
    extra(sampler);
    const pg = new Client({ connectionString: db.ownerUrl });
    // The stage database is dropped WITH (FORCE) at the end: a connection cut then is expected.
    pg.on('error', (error) => log(`statistics connection: ${error.message}`));
    await pg.connect();
    try {
      const profiler = new PostgresProfiler(pg, APP_ROLE);
      await profiler.begin();
      const maintenance = new TableMaintenance(db.ownerUrl, log);
      await maintenance.start();
      sampler.start();
      let value: T;
      try {
        value = await work();
      } finally {
        await maintenance.stop();
      }
      const usage = sampler.stop();
      return { value, usage: { ...usage, postgres: await profiler.end(), maintenance: maintenance.counts } };
    } finally {
      await pg.end();
    }
  };

  const first = o.topologies[0];
  if (o.stages.includes('load')) {
    result.load = await stage('load', first, async (db, service) => {
      const items = await loadWorkItems(
        db.ownerUrl,
        tokens,
        0,
        Math.min(template.workload, o.durationSeconds * MAX_RATE_PER_SECOND),
      );
      log(
        `Submission load: ${o.clients} citizens for ${o.durationSeconds} s (${items.length} applications ready)`,
      );
      let generatorPid = 0;
      const sampler: { current?: ProcessSampler } = {};
      const { value, usage } = await measured(
        db,
        service,
        (s) => (sampler.current = s),
        () =>
          runSubmissionLoad({
            urls: service!.apiUrls,
            connections: o.clients,
            durationSeconds: o.durationSeconds,
            items,
            workDir,
            onStart: (pid) => {
              generatorPid = pid;
              sampler.current?.track('load generator', pid);
            },
          }),
      );
      log(
        `  ${value.createdPerSecond} applications/s, p99 ${value.latency.p99} ms (generator pid ${generatorPid})`,
      );
      return { ...value, topology: first, usage };
    });
    checkpoint(result);
  }

  if (o.stages.includes('floor')) {
    result.floor = await stage('floor', null, async (db) => {
      const servicePool = o.dbPoolSize * first.api;
      const count = Math.min(o.floorSeconds * MAX_RATE_PER_SECOND, Math.floor(template.workload / 2));
      const items = await loadWorkItems(db.ownerUrl, tokens, 0, 2 * count);
      log(`Floor: a submission's statements through pg, ${o.clients} connections for ${o.floorSeconds} s`);
      const sameConcurrency = await runSubmissionFloor({
        url: db.appUrl,
        concurrency: o.clients,
        seconds: o.floorSeconds,
        items: items.slice(0, count),
      });
      log(`  ${sameConcurrency.perSecond} submissions/s; now at the service's ${servicePool} connections`);
      const servicePoolConcurrency = await runSubmissionFloor({
        url: db.appUrl,
        concurrency: servicePool,
        seconds: o.floorSeconds,
        items: items.slice(count),
      });
      log(`  ${servicePoolConcurrency.perSecond} submissions/s`);
      return { sameConcurrency, servicePoolConcurrency };
    });
    if (result.load) {
      result.floorRatio =
        Math.round((result.load.createdPerSecond / result.floor.sameConcurrency.perSecond) * 1000) / 1000;
    }
    checkpoint(result);
  }

  if (o.stages.includes('replay')) {
    for (const topology of o.topologies) {
      const replay = await stage(
        `replay-${topology.api}x${topology.workers}`,
        topology,
        async (db, service, prefix) => {
          const accounts = await createStageAccounts(db.ownerUrl, tokens, o.officersPerProvince);
          const items = await loadWorkItems(db.ownerUrl, tokens, 0, o.apps);
          log(
            `Replay of ${items.length} applications with ${topology.api} api + ${topology.workers} workers`,
          );
          const { value, usage } = await measured(
            db,
            service,
            () => undefined,
            () =>
              runReplay({
                apiUrls: service!.apiUrls,
                ownerUrl: db.ownerUrl,
                redisUrl: o.redisUrl,
                queuePrefix: prefix,
                paymentSecret: secrets.PAYMENT_CALLBACK_SECRET,
                auditSecret: secrets.AUDIT_HMAC_KEY,
                accounts,
                items,
                clients: o.clients,
                payers: o.payers,
                pollers: o.pollers,
                failRate: o.failRate,
                timeoutSeconds: o.replayTimeoutSeconds,
                progress: o.progress,
                runId,
                log,
              }),
          );
          log(
            `  ${value.applications} applications in ${value.seconds} s; verification ${value.verification.ok ? 'passed' : `FAILED: ${value.verification.problems.join('; ')}`}`,
          );
          return { ...value, topology, usage };
        },
      );
      result.replays.push(replay);
      checkpoint(result);
    }
  }
  result.finishedAt = new Date().toISOString();
  return result;
}

function serviceEnvironment(
  o: BenchOptions,
  db: StageDatabase,
  prefix: string,
  secrets: { JWT_SECRET: string; PAYMENT_CALLBACK_SECRET: string; AUDIT_HMAC_KEY: string },
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.appUrl,
    MIGRATION_DATABASE_URL: db.ownerUrl,
    REDIS_URL: o.redisUrl,
    QUEUE_PREFIX: prefix,
    HOST: '127.0.0.1',
    MIGRATIONS_RUN: 'false',
    DEMO_SEED_ON_EMPTY: 'false',
    DB_POOL_SIZE: String(o.dbPoolSize),
    WORKER_CONCURRENCY: String(o.workerConcurrency),
    JWT_ACCESS_TTL_SECONDS: String(4 * 3600),
    // The simulated courier is one partner key doing a nation's deliveries.
    POSTAL_RATE_LIMIT_PER_MINUTE: '100000000',
    ...secrets,
  };
}
