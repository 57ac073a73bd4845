import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { loadEnvironment } from '../config/environment';
import { dataSourceOptions } from '../database/data-source-options';
import { ensurePartner, issuePartnerKey, revokePartnerKey } from '../postal/partners/postal-partner-admin';
import { PostalPartnersRepository } from '../postal/partners/postal-partners.repository';
import { runSimulation, SimulationReport } from '../postal/simulator/simulator';

/**
 * npm run postal:simulate -- --pollers N --fail-rate R [--url http://localhost:3000] [--api-key K]
 *   [--duration S] [--until-idle S] [--step-delay-ms MS] [--claim-limit N] [--seed N] [--json]
 * Without --api-key it makes itself a key for the partner "Vietnam Post (simulator)" in the database
 * of .env, and revokes it when done. Without --duration or --until-idle it runs until Ctrl-C.
 * Exit code 0: done; 3: the service rejected some events (listed); 2: wrong usage; 1: failed.
 */
const USAGE =
  'usage: npm run postal:simulate -- --pollers N --fail-rate R [--url URL] [--api-key K] [--duration S] ' +
  '[--until-idle S] [--step-delay-ms MS] [--claim-limit N] [--seed N] [--json]';
const SIMULATOR_PARTNER = 'Vietnam Post (simulator)';
const OPERATOR = { kind: 'system' as const, id: 'cli:postal-simulate', role: 'operator' };

class UsageError extends Error {}

function number(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a number from ${min} to ${max}`);
  return n;
}

function readOptions(argv: string[]) {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        pollers: { type: 'string' },
        'fail-rate': { type: 'string' },
        url: { type: 'string' },
        'api-key': { type: 'string' },
        duration: { type: 'string' },
        'until-idle': { type: 'string' },
        'step-delay-ms': { type: 'string' },
        'claim-limit': { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const str = (name: string) => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const pollers = number(str('pollers'), 'pollers', 1, 64);
  const failRate = number(str('fail-rate'), 'fail-rate', 0, 1);
  if (pollers === undefined || failRate === undefined)
    throw new UsageError('--pollers and --fail-rate are required');
  const duration = number(str('duration'), 'duration', 1, 86_400);
  const untilIdle = number(str('until-idle'), 'until-idle', 1, 86_400);
  return {
    pollers,
    failRate,
    url: str('url') ?? 'http://localhost:3000',
    apiKey: str('api-key'),
    durationMs: duration === undefined ? undefined : duration * 1000,
    untilIdleMs: untilIdle === undefined ? undefined : untilIdle * 1000,
    stepDelayMs: number(str('step-delay-ms'), 'step-delay-ms', 0, 60_000) ?? 200,
    claimLimit: number(str('claim-limit'), 'claim-limit', 1, 200) ?? 20,
    seed: number(str('seed'), 'seed', 0, 2 ** 32),
    json: values.json === true,
  };
}

/** A key of the simulator partner's own, made in the database, and a way to revoke it afterwards. */
async function temporaryKey(): Promise<{ key: string; revoke: () => Promise<void> }> {
  const db = await new DataSource(dataSourceOptions(loadEnvironment())).initialize();
  const deps = { partners: new PostalPartnersRepository(), audit: new AuditLog() };
  const issued = await db.transaction(async (tx) => {
    const { partner } = await ensurePartner(tx, deps, SIMULATOR_PARTNER, OPERATOR);
    return issuePartnerKey(tx, deps, partner.id, OPERATOR);
  });
  return {
    key: issued.key,
    revoke: async () => {
      await db.transaction((tx) => revokePartnerKey(tx, deps, issued.partnerId, issued.id, OPERATOR));
      await db.destroy();
    },
  };
}

function print(report: SimulationReport): void {
  const seconds = (report.durationMs / 1000).toFixed(1);
  console.log(`Simulated ${report.claimed} shipments in ${seconds} s:`);
  console.log(
    `  picked up ${report.pickedUp} (leases lost ${report.lostLeases}), delivered ${report.delivered}, ` +
      `returned to the office ${report.returned}, failed attempts ${report.failedAttempts}`,
  );
  console.log(
    `  events sent ${report.eventsSent} (resent ${report.resent}, late ${report.sentLate}): ` +
      `applied ${report.answers.APPLIED}, duplicate ${report.answers.DUPLICATE}, rejected ${report.answers.REJECTED}`,
  );
  console.log(`  throttled ${report.throttled} times, retried ${report.retried} requests`);
  for (const [route, t] of Object.entries(report.requests)) {
    console.log(
      `  ${route}: ${t.count} requests, p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, max ${t.max.toFixed(1)} ms`,
    );
  }
  for (const rejection of report.rejections) console.log(`  rejected: ${rejection}`);
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  const temporary = options.apiKey ? undefined : await temporaryKey();
  const stop = new AbortController();
  process.once('SIGINT', () => {
    console.error('Stopping: finishing the shipments in hand (Ctrl-C again to quit at once)…');
    stop.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  try {
    const report = await runSimulation({
      ...options,
      apiKey: options.apiKey ?? temporary!.key,
      signal: stop.signal,
      log: options.json ? undefined : (line) => console.error(line),
    });
    if (options.json) console.log(JSON.stringify(report));
    else print(report);
    return report.answers.REJECTED > 0 ? 3 : 0;
  } finally {
    await temporary?.revoke();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
