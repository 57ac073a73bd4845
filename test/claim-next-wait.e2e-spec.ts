import request from 'supertest';
import { DataSource } from 'typeorm';
import { caseWaitingForOffice } from './support/case-fixtures';
import { createStaffAndSignIn, StaffAccountFixture } from './support/factories/accounts';
import { startTestAppWithDb, stopTestAppWithDb, TestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * claim-next with `waitSeconds`: an idle member waits for the next case instead of asking again and
 * again. Each test has a province of its own (79, 80, 82, 96, 68, 66), so no other test's cases are in its
 * queue. A case "arrives" when the colleague holding it lets go (a fresh claim), so that it arrives
 * at a moment the test chooses.
 */
describe('POST /staff/applications/claim-next with waitSeconds: wait for the next case', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    ({ t, db } = await startTestAppWithDb({ role: 'all', env: { CLAIM_WAIT_MAX_SECONDS: '10' } }));
  });
  afterAll(() => stopTestAppWithDb(t, db));

  const staff = (role: 'officer' | 'supervisor', provinceCode: string) =>
    createStaffAndSignIn(t, role, { provinceCode });
  const claimNext = (s: StaffAccountFixture, body: object = {}) =>
    request(t.url)
      .post('/api/v1/staff/applications/claim-next')
      .set({ authorization: `Bearer ${s.accessToken}` })
      .send(body);
  const timed = async <T>(work: Promise<T>) => {
    const started = Date.now();
    return { answer: await work, ms: Date.now() - started };
  };

  /** Cases waiting in `province`, held for now by a colleague (so no one else is given them). */
  async function heldCases(province: string, count: number, opts: { flagged?: boolean } = {}) {
    const holder = await staff('supervisor', province);
    const cases = await Promise.all(
      Array.from({ length: count }, () => caseWaitingForOffice(t.url, db, province, opts)),
    );
    await db.query(`UPDATE applications SET claimed_by = $1, claimed_at = now() WHERE id = ANY($2::uuid[])`, [
      holder.id,
      cases.map((c) => c.id),
    ]);
    return cases;
  }
  /** The texts of every statement the service sent while `work` ran (the looks included). */
  async function queriesWhile(work: () => Promise<void>): Promise<string[]> {
    const texts: string[] = [];
    const served = t.app.get(DataSource);
    const logQuery = served.logger.logQuery.bind(served.logger);
    served.logger.logQuery = (query, parameters, runner) => {
      texts.push(query);
      return logQuery(query, parameters, runner);
    };
    try {
      await work();
    } finally {
      served.logger.logQuery = logQuery;
    }
    return texts;
  }
  const letGo = (id: string) =>
    db.query(`UPDATE applications SET claimed_by = NULL, claimed_at = NULL WHERE id = $1`, [id]);

  it('answers 204 when nothing arrives in time, and gives each waiting member a case as cases arrive', async () => {
    const [one, two] = await heldCases('79', 2);
    const [first, second] = await Promise.all([staff('officer', '79'), staff('officer', '79')]);
    const idle = await timed(claimNext(first, { waitSeconds: 1 }));
    expect(idle.answer.status).toBe(204);
    expect(idle.ms).toBeGreaterThanOrEqual(950);

    const waiting = [claimNext(first, { waitSeconds: 10 }), claimNext(second, { waitSeconds: 10 })].map((r) =>
      r.then((res) => res),
    );
    await sleep(300);
    await letGo(one.id);
    const woken = await Promise.race(waiting.map((w, i) => w.then((res) => ({ res, i }))));
    expect(woken.res.status).toBe(200);
    expect(woken.res.body).toMatchObject({ id: one.id, status: 'PENDING_REVIEW' });

    // The other member was not sent racing for that case: they wait on, and get the next one.
    await letGo(two.id);
    const other = await waiting[1 - woken.i];
    expect(other.status).toBe(200);
    expect(other.body.id).toBe(two.id);
    expect([woken.res.body.claimedBy, other.body.claimedBy].sort()).toEqual([first.id, second.id].sort());
  });

  it('wakes a waiting supervisor for a flagged case, not a waiting officer', async () => {
    const [flagged] = await heldCases('80', 1, { flagged: true });
    const officer = await staff('officer', '80');
    const supervisor = await staff('supervisor', '80');
    const officerWaits = timed(claimNext(officer, { waitSeconds: 3 }));
    const supervisorWaits = claimNext(supervisor, { waitSeconds: 10 });
    await sleep(300);
    await letGo(flagged.id);
    const given = await supervisorWaits;
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ id: flagged.id, outcome: 'FLAGGED', claimedBy: supervisor.id });
    const { answer, ms } = await officerWaits;
    expect(answer.status).toBe(204);
    expect(ms).toBeGreaterThanOrEqual(2900);
  });

  it('claims nothing for a member who went away while waiting', async () => {
    const [arrived] = await heldCases('82', 1);
    const [leaver, stayer] = await Promise.all([staff('officer', '82'), staff('officer', '82')]);
    await expect(claimNext(leaver, { waitSeconds: 10 }).timeout(300)).rejects.toThrow(/Timeout/);
    await letGo(arrived.id);
    await sleep(2500); // two looks for cases for waiting members
    const [row] = await db.query<{ claimed_by: string | null }[]>(
      'SELECT claimed_by FROM applications WHERE id = $1',
      [arrived.id],
    );
    expect(row.claimed_by).toBeNull();
    expect((await claimNext(stayer).expect(200)).body.id).toBe(arrived.id);
  });

  it('costs one look per second for all the waiting members together, not one per member', async () => {
    const members = await Promise.all([1, 2, 3, 4, 5].map(() => staff('officer', '96')));
    const texts = await queriesWhile(async () => {
      const answers = await Promise.all(members.map((m) => claimNext(m, { waitSeconds: 2 })));
      expect(answers.map((a) => a.status)).toEqual([204, 204, 204, 204, 204]);
    });
    // Each member's first ask reads once; then the waiting members are looked for together.
    expect(texts.filter((q) => q.includes('AS waiting')).length).toBe(5);
    const looks = texts.filter((q) => q.includes('AS cases')).length;
    expect(looks).toBeGreaterThanOrEqual(1);
    expect(looks).toBeLessThanOrEqual(2);
  });

  it('claims at once when woken for a case, without asking again whether one waits', async () => {
    const [arrived] = await heldCases('68', 1);
    const officer = await staff('officer', '68');
    const texts = await queriesWhile(async () => {
      const waiting = claimNext(officer, { waitSeconds: 10 }).then((res) => res);
      await sleep(300);
      await letGo(arrived.id);
      const answer = await waiting;
      expect(answer.status).toBe(200);
      expect(answer.body.id).toBe(arrived.id);
    });
    // The first ask found nothing; the look for waiting members found the case, and the woken ask
    // claimed it straight away.
    expect(texts.filter((q) => q.includes('AS waiting')).length).toBe(1);
  });

  it('answers a wait it cannot honour with 400', async () => {
    const officer = await staff('officer', '66');
    for (const waitSeconds of [11, -1, 1.5, '5']) {
      const bad = await claimNext(officer, { waitSeconds }).expect(400);
      expect(JSON.stringify(bad.body)).toMatch(/waitSeconds must be/);
    }
  });
});
