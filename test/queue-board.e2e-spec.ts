import { Job, Queue, Worker } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { QUEUES } from '../src/queue/queue-names';
import { QueueRegistry } from '../src/queue/queue-registry';
import { redisOptionsFromUrl } from '../src/queue/redis-options';
import { QUEUE_BOARD_PATH } from '../src/web/admin/queue-board-access';
import { expectStatus, staffOnWeb } from './browser/web-journey';
import { WebClient } from './browser/web-client';
import { createStaffAndSignIn } from './support/factories/accounts';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

/**
 * The operator's view of the queues (bull-board at /staff/admin/queues): anonymous visitors are sent to
 * the staff sign-in (its API answers 401), staff other than admins get 403, admins see every queue with
 * its waiting, delayed (retried) and failed jobs, retry failed ones — audited — and nothing else.
 */
describe('the queue board', () => {
  let t: TestApp;
  let db: DataSource;
  let queue: Queue;
  let admin: WebClient;
  let officer: WebClient;

  beforeAll(async () => {
    t = await startTestApp(); // the api role: no consumer takes jobs from the queues here
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
    queue = t.app.get(QueueRegistry).get(QUEUES.payments);
    const a = await createStaffAndSignIn(t, 'admin');
    const o = await createStaffAndSignIn(t, 'officer');
    admin = await staffOnWeb(t.url, a.username, a.password);
    officer = await staffOnWeb(t.url, o.username, o.password);
  });
  afterAll(async () => {
    await db?.destroy();
    await t?.close();
  });

  /** Jobs taken once by a worker of the test's own that fails them: failed, or delayed for a retry. */
  async function failOnce(jobs: { id: string; attempts: number }[]): Promise<void> {
    for (const j of jobs)
      await queue.add(
        'board-test',
        { n: j.id },
        {
          jobId: j.id,
          attempts: j.attempts,
          backoff: { type: 'fixed', delay: 3_600_000 },
        },
      );
    const worker = new Worker(queue.name, () => Promise.reject(new Error('gateway down (test)')), {
      connection: redisOptionsFromUrl(t.redis.url),
      prefix: t.redis.prefix,
      autorun: true,
    });
    try {
      await waitFor(async () => {
        const states = await Promise.all(jobs.map((j) => queue.getJobState(j.id)));
        return states.every((s) => s === 'failed' || s === 'delayed') ? true : undefined;
      }, 'the jobs to fail once');
    } finally {
      await worker.close();
    }
  }

  it('sends an anonymous visitor to the staff sign-in, and answers its API 401', async () => {
    const page = await request(t.url).get(QUEUE_BOARD_PATH).redirects(0).expect(303);
    expect(page.headers.location).toBe(`/staff/sign-in?next=${encodeURIComponent(QUEUE_BOARD_PATH)}`);
    const api = await request(t.url).get(`${QUEUE_BOARD_PATH}/api/queues`).expect(401);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.body.detail).toMatch(/admin role/);
    await request(t.url).get(`${QUEUE_BOARD_PATH}/static/images/logo.svg`).redirects(0).expect(303);
    await request(t.url).put(`${QUEUE_BOARD_PATH}/api/queues/${queue.name}/retry/failed`).expect(401);
  });

  it('refuses staff other than admins (403), the page and its API alike', async () => {
    const page = expectStatus(await officer.get(QUEUE_BOARD_PATH), 403, 'officer GET board');
    expect(page.text).toContain('<h1>');
    expect(page.text).not.toContain('__UI_CONFIG__');
    const api = expectStatus(await officer.get(`${QUEUE_BOARD_PATH}/api/queues`), 403, 'officer GET api');
    expect(JSON.parse(api.text).detail).toMatch(/admin role/);
    // A citizen's session is no staff session either.
    const citizen = new WebClient(t.url);
    expectStatus(await citizen.get(QUEUE_BOARD_PATH), 303, 'citizen GET board');
  });

  it('shows an admin every queue with its failed and retried (delayed) jobs', async () => {
    await failOnce([
      { id: 'board-failed-1', attempts: 1 },
      { id: 'board-retrying-1', attempts: 3 },
    ]);
    const page = expectStatus(await admin.get(QUEUE_BOARD_PATH), 200, 'admin GET board');
    expect(page.text).toContain('__UI_CONFIG__');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['cache-control']).toBe('no-store');
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.text)![1];
    expectStatus(await admin.get(`${QUEUE_BOARD_PATH}/${script}`), 200, 'admin GET board script');

    const listed = JSON.parse(
      expectStatus(
        await admin.get(`${QUEUE_BOARD_PATH}/api/queues?activeQueue=${queue.name}&status=failed`),
        200,
        'queues',
      ).text,
    ) as {
      queues: {
        name: string;
        counts: Record<string, number>;
        jobs: { id: string; failedReason: string }[];
      }[];
    };
    expect(listed.queues.map((q) => q.name).sort()).toEqual(Object.values(QUEUES).sort());
    const payments = listed.queues.find((q) => q.name === queue.name)!;
    expect(payments.counts).toMatchObject({ failed: 1, delayed: 1 });
    expect(payments.jobs).toEqual([
      expect.objectContaining({ id: 'board-failed-1', failedReason: 'gateway down (test)' }),
    ]);
    const delayed = JSON.parse(
      (await admin.get(`${QUEUE_BOARD_PATH}/api/queues?activeQueue=${queue.name}&status=delayed`)).text,
    ) as { queues: { name: string; jobs: { id: string; attempts: number; failedReason: string }[] }[] };
    expect(delayed.queues.find((q) => q.name === queue.name)!.jobs).toEqual([
      // Tried once, failed, waiting out its back-off before the next of its 3 attempts.
      expect.objectContaining({ id: 'board-retrying-1', attempts: 1, failedReason: 'gateway down (test)' }),
    ]);
  });

  it('lets an admin retry a failed job, and audits it; a job that has not failed is not retried', async () => {
    const retried = await admin.put(`${QUEUE_BOARD_PATH}/api/queues/${queue.name}/board-failed-1/retry`, {
      origin: t.url,
    });
    expect(retried.status).toBe(204);
    expect(await queue.getJobState('board-failed-1')).toBe('waiting');
    const audit = await db.query<
      { action: string; actor_kind: string; actor_role: string; subject_id: string }[]
    >(`SELECT action, actor_kind, actor_role, subject_id FROM audit_log WHERE subject_type = 'queue_job'`);
    expect(audit).toEqual([
      {
        action: 'QUEUE_JOB_RETRIED',
        actor_kind: 'staff',
        actor_role: 'admin',
        subject_id: `${queue.name}:board-failed-1`,
      },
    ]);
    const again = await admin.put(`${QUEUE_BOARD_PATH}/api/queues/${queue.name}/board-failed-1/retry`);
    expect(again.status).toBe(403);
    const promoted = await admin.put(`${QUEUE_BOARD_PATH}/api/queues/${queue.name}/board-retrying-1/promote`);
    expect(promoted.status).toBe(204);
    expect(await queue.getJobState('board-retrying-1')).toBe('waiting');
  });

  it('refuses an admin every other change, and any change from another origin', async () => {
    const job = (await Job.fromId(queue, 'board-failed-1'))!;
    for (const path of [
      `/api/queues/${queue.name}/obliterate`,
      `/api/queues/${queue.name}/empty`,
      `/api/queues/${queue.name}/pause`,
      `/api/queues/${queue.name}/clean/failed`,
      `/api/queues/${queue.name}/${job.id}/clean`,
    ]) {
      const res = await admin.put(`${QUEUE_BOARD_PATH}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    const added = await admin.post(`${QUEUE_BOARD_PATH}/api/queues/${queue.name}/add`, {}, { csrf: null });
    expect(added.status).toBe(403);
    const crossSite = await admin.put(`${QUEUE_BOARD_PATH}/api/queues/${queue.name}/retry/failed`, {
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.text).detail).toMatch(/pages of this site/);
    expect(await queue.getJobState('board-failed-1')).toBe('waiting');
    expect(await queue.count()).toBeGreaterThan(0);
  });
});
