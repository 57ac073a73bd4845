import request from 'supertest';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../src/auth/auth-user';
import { DecisionsService } from '../src/review/decisions.service';
import { caseWaitingForOffice } from './support/case-fixtures';
import { createStaffAndSignIn, StaffAccountFixture } from './support/factories/accounts';
import { statementCounter } from './support/statement-counter';
import { startTestAppWithDb, stopTestAppWithDb, TestApp } from './support/test-app';

/** Approve with `takeNext`: the decision and the member's next case in one request and one transaction. */
describe('POST /staff/applications/:id/approve with takeNext', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    ({ t, db } = await startTestAppWithDb({ role: 'all' }));
  });
  afterAll(() => stopTestAppWithDb(t, db));

  const officerOf = (province: string) => createStaffAndSignIn(t, 'officer', { provinceCode: province });
  const claimNext = (s: StaffAccountFixture) =>
    request(t.url)
      .post('/api/v1/staff/applications/claim-next')
      .set({ authorization: `Bearer ${s.accessToken}` })
      .send({});
  const approve = (s: StaffAccountFixture, id: string, body: object) =>
    request(t.url)
      .post(`/api/v1/staff/applications/${id}/approve`)
      .set({ authorization: `Bearer ${s.accessToken}` })
      .send(body);
  const auditOf = (id: string) =>
    db.query<{ action: string; actor_id: string; data: object }[]>(
      `SELECT action, actor_id, data FROM audit_log WHERE application_id = $1 ORDER BY chain_seq`,
      [id],
    );
  const holderOf = async (id: string) =>
    (
      await db.query<{ claimed_by: string | null; status: string }[]>(
        'SELECT claimed_by, status FROM applications WHERE id = $1',
        [id],
      )
    )[0];

  it('approves the case and hands over the next one, claimed and audited; null when none is left', async () => {
    const officer = await officerOf('01');
    const first = await caseWaitingForOffice(t.url, db, '01');
    const second = await caseWaitingForOffice(t.url, db, '01');

    const taken = await claimNext(officer).expect(200);
    expect(taken.body.id).toBe(first.id);
    const approved = await approve(officer, first.id, { version: taken.body.version, takeNext: {} }).expect(
      200,
    );
    expect(approved.body).toMatchObject({
      id: first.id,
      status: 'APPROVED',
      next: { id: second.id, status: 'PENDING_REVIEW', claimedBy: officer.id, reference: expect.any(String) },
    });
    expect(await holderOf(second.id)).toEqual({ claimed_by: officer.id, status: 'PENDING_REVIEW' });
    expect((await auditOf(second.id)).at(-1)).toMatchObject({
      action: 'CLAIM',
      actor_id: officer.id,
      data: { next: true },
    });
    expect((await auditOf(first.id)).at(-1)).toMatchObject({ action: 'APPROVE', actor_id: officer.id });

    // The last case: approved, and nothing waits.
    const last = await approve(officer, second.id, {
      version: approved.body.next.version,
      takeNext: {},
    }).expect(200);
    expect(last.body).toEqual({ id: second.id, status: 'APPROVED', version: expect.any(Number), next: null });
  });

  it('answers as before without takeNext, and claims nothing when the approval is refused', async () => {
    const officer = await officerOf('04');
    const first = await caseWaitingForOffice(t.url, db, '04');
    const second = await caseWaitingForOffice(t.url, db, '04');
    const taken = await claimNext(officer).expect(200);
    expect(taken.body.id).toBe(first.id);

    // A stale version: 409, and the next case is still free for anyone.
    await approve(officer, first.id, { version: taken.body.version - 1, takeNext: {} }).expect(409);
    expect((await holderOf(second.id)).claimed_by).toBeNull();

    const plain = await approve(officer, first.id, { version: taken.body.version }).expect(200);
    expect(plain.body).toEqual({ id: first.id, status: 'APPROVED', version: expect.any(Number) });
    expect((await holderOf(second.id)).claimed_by).toBeNull();
  });

  it('takes the next case the filters name, and refuses a takeNext that is not an object of them with 400', async () => {
    const officer = await officerOf('08');
    const c = await caseWaitingForOffice(t.url, db, '08');
    const taken = await claimNext(officer).expect(200);
    for (const takeNext of [true, 'yes', 1, [], { outcome: 'MAYBE' }]) {
      const bad = await approve(officer, c.id, { version: taken.body.version, takeNext }).expect(400);
      expect(JSON.stringify(bad.body)).toMatch(
        /takeNext must be an object|outcome must be ELIGIBLE or FLAGGED/,
      );
    }
    expect(await holderOf(c.id)).toEqual({ claimed_by: officer.id, status: 'PENDING_REVIEW' });
    // Only a case of the type asked for is taken: none waits, so none is taken.
    const other = await caseWaitingForOffice(t.url, db, '08');
    const filtered = await approve(officer, c.id, {
      version: taken.body.version,
      takeNext: { type: 'PAPER_CONVERSION' },
    }).expect(200);
    expect(filtered.body.next).toBeNull();
    expect((await holderOf(other.id)).claimed_by).toBeNull();
  });

  it('costs one transaction for the decision and the next case', async () => {
    const officer = await officerOf('11');
    const first = await caseWaitingForOffice(t.url, db, '11');
    await caseWaitingForOffice(t.url, db, '11');
    const taken = await claimNext(officer).expect(200);
    expect(taken.body.id).toBe(first.id);
    const user: AuthUser = {
      kind: 'staff',
      id: officer.id,
      role: 'officer',
      nationalId: officer.nationalId,
      provinceCode: '11',
      username: officer.username,
    };
    const counted = statementCounter(t.app.get(DataSource));
    const { value, statements } = await counted(() =>
      t.app.get(DecisionsService).approve(user, first.id, taken.body.version, undefined, '127.0.0.1', {}),
    );
    expect(value.next).not.toBeNull();
    // BEGIN, the case's read, the move, its audit entry, the next case's claim, its audit entry, COMMIT.
    expect(statements).toBe(7);
  });
});
