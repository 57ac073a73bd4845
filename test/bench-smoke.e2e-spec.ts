import { randomBytes } from 'node:crypto';
import { dropDatabase } from '../bench/database/admin';
import { parseBenchArgs, BenchOptions } from '../bench/options';
import { renderMarkdown } from '../bench/report/markdown';
import { runBench } from '../bench/run-bench';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './support/test-services';

/**
 * `npm run bench` in miniature, so it cannot rot: every stage runs for real (the service as separate
 * api and worker processes, autocannon, the pg floor, a replay of a couple of hundred applications
 * through payment, checks, decisions, issuance and the postal simulator), on a small seeded data set
 * of its own, and the figures it reports must hold together.
 */
describe('npm run bench (smoke)', () => {
  const name = `lr_bench_smoke_${randomBytes(3).toString('hex')}`;
  const lines: string[] = [];

  afterAll(async () => {
    await dropDatabase(TEST_DATABASE_URL, `${name}_template`);
    await dropDatabase(TEST_DATABASE_URL, `${name}_stage`);
  });

  it('submits under load, measures the floor, replays applications end to end and verifies them', async () => {
    const options = parseBenchArgs([
      ...['--drivers', '1500', '--apps', '120', '--clients', '16'],
      ...['--duration', '2', '--floor-duration', '1', '--topology', '1x1'],
      ...['--payers', '8', '--pollers', '4', '--replay-timeout', '90', '--worker-concurrency', '8'],
      ...[
        '--database-url',
        TEST_DATABASE_URL,
        '--redis-url',
        TEST_REDIS_URL,
        '--name',
        name,
        '--no-progress',
      ],
    ]) as BenchOptions;

    const result = await runBench(options, (line) => lines.push(line));

    expect(result.template.workload).toBeGreaterThan(500);
    const load = result.load!;
    expect(load.byStatus['201']).toBeGreaterThan(0);
    // 422: the records refused the workload's ineligible citizens before any fee (no other answer is right).
    expect(Object.keys(load.byStatus).filter((status) => !['201', '422'].includes(status))).toEqual([]);
    expect(load.errors + load.timeouts).toBe(0);
    expect(load.latency.p99).toBeGreaterThanOrEqual(load.latency.p50);
    expect(load.usage.processes.map((p) => p.label)).toEqual(
      expect.arrayContaining(['api-1', 'worker-1', 'load generator']),
    );
    // Every submission commits at least once in Postgres.
    expect(load.usage.postgres.commits).toBeGreaterThanOrEqual(load.byStatus['201']);

    const floor = result.floor!;
    expect(floor.sameConcurrency.errors).toBe(0);
    expect(floor.sameConcurrency.submissions).toBeGreaterThan(0);
    // The submission's reads and writes: account, applicant with records, BEGIN, key, application with
    // the photo, audit entry with notices, jobs, checks, payment and the stored response, COMMIT.
    expect(floor.sameConcurrency.statementsPerSubmission).toBe(7);
    expect(result.floorRatio).toBeGreaterThan(0);

    const [replay] = result.replays;
    expect(replay.timedOut).toBe(false);
    // The records refuse some of the workload at submission (422, nothing to pay): the rest is the replay.
    expect(replay.applications).toBeGreaterThan(0);
    expect(replay.applications).toBeLessThanOrEqual(120);
    expect(replay.verification.problems).toEqual([]);
    expect(replay.verification.ok).toBe(true);
    // audit:verify, in process, on the stage: every chain of the replay's audit log holds.
    expect(replay.verification.audit).toMatchObject({ intact: true, problemCount: 0, problems: [] });
    expect(replay.verification.audit.chains).toBeGreaterThanOrEqual(replay.applications);
    // The workload holds every kind of ending: delivered cards and applications the checks refused.
    expect(replay.verification.byStatus.DELIVERED).toBeGreaterThan(0);
    expect(
      replay.verification.byStatus.DELIVERED + (replay.verification.byStatus.REJECTED ?? 0),
    ).toBeGreaterThanOrEqual(replay.applications);
    expect(replay.postal.delivered).toBe(replay.verification.byStatus.DELIVERED);
    const stage = (s: string) => replay.stages.find((x) => x.stage === s)!.count;
    expect(stage('submitted')).toBe(120); // every attempt, refused ones included
    expect(stage('paid')).toBe(replay.applications);
    expect(stage('approved by policy') + stage('approved by staff')).toBe(stage('issued'));
    expect(replay.samples.length).toBeGreaterThan(0);

    const markdown = renderMarkdown(result);
    expect(markdown).toContain('### Submission load');
    expect(markdown).toContain('Verification from Postgres: **passed**');
    expect(markdown).toContain('Audit log (audit:verify, in process): **intact**');
    // About 40 s on a quiet machine; the margin is for a machine shared with other test runs.
  }, 300_000);
});
