import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { caseWaitingForOffice } from './support/case-fixtures';
import { createStaffAndSignIn, StaffAccountFixture } from './support/factories/accounts';
import { startTestApp, TestApp } from './support/test-app';

/** Cases of this file are delivered to province 92 (and 86): no other file's cases in their queues. */
const PROVINCE = '92';

describe('POST /staff/applications/claim-next: take the next waiting case', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ role: 'all' });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 3 })).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  const staff = (role: 'officer' | 'supervisor' | 'auditor', over: Record<string, string | null> = {}) =>
    createStaffAndSignIn(t, role, role === 'auditor' ? over : { provinceCode: PROVINCE, ...over });
  const claimNext = (s: StaffAccountFixture, body: object = {}) =>
    request(t.url)
      .post('/api/v1/staff/applications/claim-next')
      .set({ authorization: `Bearer ${s.accessToken}` })
      .send(body);

  /** A paid case waiting for the office of `province`; flagged by the checks when asked. */
  const waitingCase = (opts: { flagged?: boolean; province?: string } = {}) =>
    caseWaitingForOffice(t.url, db, opts.province ?? PROVINCE, opts);

  it('gives the case due first, claimed and audited; the same case again to its holder; 204 when none is left', async () => {
    const officer = await staff('officer');
    const colleague = await staff('officer');
    const latecomer = await staff('officer');
    const supervisor = await staff('supervisor');
    await claimNext(officer).expect(204);

    const first = await waitingCase();
    const second = await waitingCase();
    const flagged = await waitingCase({ flagged: true });

    const mine = await claimNext(officer).expect(200);
    expect(mine.body).toMatchObject({
      id: first.id,
      status: 'PENDING_REVIEW',
      outcome: 'ELIGIBLE',
      claimedBy: officer.id,
      reference: expect.any(String),
    });
    expect((await claimNext(colleague).expect(200)).body.id).toBe(second.id);
    // The holder is given back the case they hold, the claim renewed.
    expect((await claimNext(officer).expect(200)).body.id).toBe(first.id);
    // The rest is flagged: only a supervisor may approve it, so an officer is not given it unasked.
    await claimNext(latecomer).expect(204);
    const forSupervisor = await claimNext(supervisor).expect(200);
    expect(forSupervisor.body).toMatchObject({ id: flagged.id, outcome: 'FLAGGED' });

    const [{ claims }] = await db.query<{ claims: number }[]>(
      `SELECT count(*)::int AS claims FROM audit_log
       WHERE application_id = $1 AND action = 'CLAIM' AND actor_id = $2 AND data->>'next' = 'true'`,
      [first.id, officer.id],
    );
    expect(claims).toBe(2);

    // The version the claim returned is the one to decide with.
    const approved = await request(t.url)
      .post(`/api/v1/staff/applications/${first.id}/approve`)
      .set({ authorization: `Bearer ${officer.accessToken}` })
      .send({ version: (await claimNext(officer).expect(200)).body.version })
      .expect(200);
    expect(approved.body.status).toBe('APPROVED');
  });

  it("skips another province's cases, cases about the member's own licence, and honours the filters", async () => {
    const own = await waitingCase({ province: '86' });
    const other = await waitingCase({ province: '86' });
    const outsider = await staff('officer', { provinceCode: '01' });
    await claimNext(outsider).expect(204);

    const concerned = await staff('officer', { provinceCode: '86', nationalId: own.nationalId });
    const taken = await claimNext(concerned).expect(200);
    expect(taken.body.id).toBe(other.id);
    await claimNext(concerned).expect(200); // the one they hold, never their own
    const holder = await staff('supervisor', { provinceCode: '86' });
    await claimNext(holder, { outcome: 'FLAGGED' }).expect(204);
    await claimNext(holder, { type: 'PAPER_CONVERSION' }).expect(204);
    expect((await claimNext(holder, { outcome: 'ELIGIBLE', type: 'RENEWAL' }).expect(200)).body.id).toBe(
      own.id,
    );
  });

  it('never gives two members the same case when they ask at the same moment', async () => {
    const province = '91';
    const cases = await Promise.all([1, 2, 3, 4].map(() => waitingCase({ province })));
    const members = await Promise.all(
      [1, 2, 3, 4, 5].map(() => staff('officer', { provinceCode: province })),
    );
    const answers = await Promise.all(members.map((m) => claimNext(m)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 204]);
    const taken = answers.filter((a) => a.status === 200).map((a) => a.body.id as string);
    expect(new Set(taken).size).toBe(4);
    expect(taken.sort()).toEqual(cases.map((c) => c.id).sort());
  });

  it('holds a request that asks to wait no longer than CLAIM_WAIT_MAX_SECONDS (1 s in the tests)', async () => {
    const officer = await staff('officer', { provinceCode: '01' }); // no case of this file goes to 01
    const started = Date.now();
    await claimNext(officer, { waitSeconds: 10 }).expect(204);
    const ms = Date.now() - started;
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(4000);
  });

  it('answers bad filters with 400 and other roles with 403', async () => {
    const officer = await staff('officer');
    const bad = await claimNext(officer, { outcome: 'INELIGIBLE' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('outcome must be ELIGIBLE or FLAGGED');
    await claimNext(officer, { type: 'TRACTOR' }).expect(400);
    await claimNext(await staff('auditor')).expect(403);
    await request(t.url).post('/api/v1/staff/applications/claim-next').expect(401);
  });
});
