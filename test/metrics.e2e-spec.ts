import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ALL_QUEUES } from '../src/queue/queue-names';
import { QueueRegistry } from '../src/queue/queue-registry';
import { APPLICATION_STATUSES } from '../src/workflow/application-workflow';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

/** The value of one sample, by its exact name and labels as prom-client writes them; undefined if absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics (Prometheus)', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ role: 'all', env: { METRICS_TOKEN: '' } });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  const scrape = async () => {
    const res = await request(t.url).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    return res.text;
  };

  it('times requests by route pattern, never by raw URL', async () => {
    const id = randomUUID();
    await request(t.url).get(`/api/v1/applications/${id}`).expect(401);
    await request(t.url).get(`/api/v1/applications/${id}`).expect(401);
    await request(t.url).get(`/no/such/page/${id}`).expect(404);
    const text = await scrape();
    const labels = 'method="GET",route="/api/v1/applications/:id",status="401"';
    expect(sample(text, `http_requests_total{${labels}}`)).toBe(2);
    expect(sample(text, `http_request_duration_seconds_count{${labels}}`)).toBe(2);
    expect(sample(text, `http_request_duration_seconds_bucket{le="+Inf",${labels}}`)).toBe(2);
    expect(sample(text, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(text).not.toContain(id);
  });

  it('reports the depth of every queue from Redis at scrape time', async () => {
    const timers = t.app.get(QueueRegistry, { strict: false }).get('timers');
    const job = await timers.add(
      'metrics-test',
      {},
      { delay: 3_600_000, jobId: `metrics-test-${randomUUID()}` },
    );
    try {
      const text = await scrape();
      for (const queue of ALL_QUEUES) {
        for (const state of ['waiting', 'active', 'delayed', 'failed']) {
          expect(sample(text, `bullmq_queue_jobs{queue="${queue}",state="${state}"}`)).toEqual(
            expect.any(Number),
          );
        }
      }
      expect(sample(text, 'bullmq_queue_jobs{queue="timers",state="delayed"}')).toBe(1);
    } finally {
      await job.remove();
    }
    expect(sample(await scrape(), 'bullmq_queue_jobs{queue="timers",state="delayed"}')).toBe(0);
  });

  it('times the jobs this process runs, per queue and outcome', async () => {
    // An expiry timer for an application that does not exist: the job runs and finds nothing to do.
    await t.app
      .get(QueueRegistry, { strict: false })
      .get('timers')
      .add('expire-payment', { applicationId: randomUUID() });
    const series = 'bullmq_job_duration_seconds_count{queue="timers",outcome="completed"}';
    await waitFor(async () => ((sample(await scrape(), series) ?? 0) >= 1 ? true : undefined), 'a timed job');
    expect(
      sample(
        await scrape(),
        'bullmq_job_duration_seconds_bucket{le="+Inf",queue="timers",outcome="completed"}',
      ),
    ).toBeGreaterThanOrEqual(1);
  });

  it('counts applications by state', async () => {
    const before = await scrape();
    for (const status of APPLICATION_STATUSES) {
      expect(sample(before, `licence_applications{status="${status}"}`)).toBe(0);
    }
    const [{ id: citizenId }] = await db.query<{ id: string }[]>(
      `INSERT INTO citizens (national_id, full_name, date_of_birth, phone, password_hash)
       VALUES ('001090654321', 'Lê Văn Cường', '1990-01-01', '0912345678', 'not-a-hash') RETURNING id`,
    );
    await db.query(
      `INSERT INTO applications (reference, citizen_id, national_id, type, licence_number, delivery, province_code,
         status, fee_amount, postal_fee, total_amount, payment_due_by)
       SELECT 'METRICS-' || i, $1, '001090654321', 'RENEWAL', lpad(i::text, 12, '0'), '{}', '01',
         CASE WHEN i <= 2 THEN 'PENDING_REVIEW' ELSE 'AWAITING_PAYMENT' END, 115000, 0, 115000, now() + interval '1 day'
       FROM generate_series(1, 3) AS i`,
      [citizenId],
    );
    await db.query(`UPDATE applications SET status = 'APPROVED' WHERE reference = 'METRICS-1'`);
    // Written beside the write path (no audit entries to fold from): counted here, as an import would be.
    await db.query(`SELECT stats_recount(array_agg(id)) FROM applications WHERE reference LIKE 'METRICS-%'`);
    const after = await scrape();
    expect(sample(after, 'licence_applications{status="PENDING_REVIEW"}')).toBe(1);
    expect(sample(after, 'licence_applications{status="APPROVED"}')).toBe(1);
    expect(sample(after, 'licence_applications{status="AWAITING_PAYMENT"}')).toBe(1);
  });

  it('wants the bearer token when METRICS_TOKEN is set', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const guarded = await startTestApp({ db: t.db, redis: t.redis, env: { METRICS_TOKEN: token } });
    try {
      const refused = await request(guarded.url).get('/metrics').expect(401);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
      await request(guarded.url)
        .get('/metrics')
        .set('authorization', 'Bearer wrong-token-0123456789')
        .expect(401);
      const ok = await request(guarded.url)
        .get('/metrics')
        .set('authorization', `Bearer ${token}`)
        .expect(200);
      expect(ok.text).toContain('http_request_duration_seconds');
    } finally {
      await guarded.close();
      // startTestApp copies its environment into process.env: leave no token behind for later files.
      process.env.METRICS_TOKEN = '';
    }
  });
});
