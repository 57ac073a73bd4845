import { spawn } from 'node:child_process';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ShipmentsService } from '../src/postal/shipments.service';
import { runSimulation } from '../src/postal/simulator/simulator';
import { createShipments, insertIssuedApplications, partnerWithKey } from './support/factories/shipments';
import { startTestApp, TestApp } from './support/test-app';

describe('postal simulator against the real service', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 3 })).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  const newShipments = async (n: number) =>
    createShipments(
      t.app.get(DataSource),
      t.app.get(ShipmentsService),
      await insertIssuedApplications(db, n),
    );

  const statusCounts = async (sql: string, params: unknown[]) =>
    Object.fromEntries(
      (await db.query<{ status: string; n: number }[]>(sql, params)).map((r) => [r.status, r.n]),
    ) as Record<string, number>;

  it('takes every shipment to an end through realistic, imperfect event streams', async () => {
    const numbers = await newShipments(40);
    const { key } = await partnerWithKey(db, 'Vietnam Post');
    const report = await runSimulation({
      url: t.url,
      apiKey: key,
      pollers: 3,
      failRate: 0.5,
      claimLimit: 8,
      pollIntervalMs: 100,
      stepDelayMs: 0,
      untilIdleMs: 800,
      duplicateRate: 0.1,
      lateRate: 0.2,
      seed: 11,
    });

    expect(report).toMatchObject({ claimed: 40, pickedUp: 40, lostLeases: 0 });
    expect(report.delivered + report.returned).toBe(40);
    expect(report.answers.REJECTED).toBe(0);
    expect(report.answers.DUPLICATE).toBe(report.resent);
    expect(report.resent).toBeGreaterThan(0);
    expect(report.sentLate).toBeGreaterThan(0);

    const shipments = await statusCounts(
      `SELECT status, count(*)::int AS n FROM shipments WHERE tracking_number = ANY($1) GROUP BY status`,
      [numbers],
    );
    expect(shipments).toEqual({
      DELIVERED: report.delivered,
      ...(report.returned ? { RETURNED: report.returned } : {}),
    });
    const applications = await statusCounts(
      `SELECT a.status, count(*)::int AS n FROM applications a JOIN shipments s ON s.application_id = a.id
       WHERE s.tracking_number = ANY($1) GROUP BY a.status`,
      [numbers],
    );
    expect(applications).toEqual({
      DELIVERED: report.delivered,
      ...(report.returned ? { RETURNED_TO_OFFICE: report.returned } : {}),
    });
    const [{ late, failed }] = await db.query<{ late: number; failed: number }[]>(
      `SELECT count(*) FILTER (WHERE effect = 'LATE')::int AS late,
              count(*) FILTER (WHERE type = 'DELIVERY_FAILED')::int AS failed FROM shipment_events`,
    );
    expect(late).toBeGreaterThan(0);
    expect(failed).toBe(report.failedAttempts);
  });

  /** Runs a CLI asynchronously: the app under test serves its requests from this same process. */
  const cli = (script: string, args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', `src/cli/${script}.ts`, ...args], {
        env: { ...process.env, ...t.env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill(), 60_000);
      child.on('error', reject);
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr });
      });
    });

  it('runs from the command line: postal:partner prints a key, postal:simulate delivers with it', async () => {
    const partner = await cli('postal-partner', ['--name', 'Courier CLI']);
    expect(partner.stderr).toMatch(/Created postal partner "Courier CLI"/);
    expect(partner.status).toBe(0);
    const key = partner.stdout.trim();
    expect(key).toMatch(/^lrpk_[A-Za-z0-9_-]{43}$/);
    expect((await cli('postal-partner', ['--name', 'Courier CLI'])).stderr).toMatch(/Found postal partner/);
    expect((await cli('postal-partner', [])).status).toBe(2);

    await newShipments(5);
    const run = await cli('postal-simulate', [
      '--url',
      t.url,
      '--api-key',
      key,
      '--pollers',
      '2',
      '--fail-rate',
      '0',
      '--until-idle',
      '1',
      '--step-delay-ms',
      '0',
      '--claim-limit',
      '3',
    ]);
    expect(run.stderr).not.toMatch(/Error/);
    // On failure, show what the service rejected (the report lists each rejection with its reason).
    expect({ status: run.status, report: run.status === 0 ? '' : run.stdout }).toEqual({
      status: 0,
      report: '',
    });
    expect(run.stdout).toMatch(/Simulated 5 shipments/);
    expect(run.stdout).toMatch(/delivered 5, returned to the office 0/);
    expect((await cli('postal-simulate', ['--pollers', 'many'])).status).toBe(2);
  });

  it('makes itself a key when given none, and revokes it afterwards', async () => {
    const run = await cli('postal-simulate', [
      '--url',
      t.url,
      '--pollers',
      '1',
      '--fail-rate',
      '0',
      '--until-idle',
      '1',
      '--json',
    ]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ claimed: 0 });
    const keys = await db.query<{ revoked: boolean }[]>(
      `SELECT k.revoked_at IS NOT NULL AS revoked FROM postal_partner_keys k
       JOIN postal_partners p ON p.id = k.partner_id WHERE p.name = 'Vietnam Post (simulator)'`,
    );
    expect(keys).toEqual([{ revoked: true }]);
  });
});
