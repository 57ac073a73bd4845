import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { AuditEntry } from '../src/audit/audit-entry';
import { appendAudit } from '../src/audit/audit-log';
import { dataSourceOptions } from '../src/database/data-source-options';
import {
  createCitizenAndSignIn,
  createStaffAndSignIn,
  StaffAccountFixture,
} from './support/factories/accounts';
import { startTestApp, TestApp } from './support/test-app';

interface Item {
  id: string;
  occurredAt: string;
  actor: { kind: string; id: string | null; role: string | null; ip: string | null; username: string | null };
  action: string;
  subject: { type: string; id: string };
  applicationId: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  chain: string;
  chainSeq: number;
  prevHash: string | null;
  hash: string;
}

describe('GET /api/v1/audit (auditors)', () => {
  let t: TestApp;
  let db: DataSource;
  let auditor: StaffAccountFixture;
  let admin: StaffAccountFixture;
  let officer: StaffAccountFixture;
  const appX = randomUUID();
  const appY = randomUUID();
  let between: string;

  const onApplication = (id: string, over: Partial<AuditEntry> & Pick<AuditEntry, 'actor' | 'action'>) => ({
    subjectType: 'application',
    subjectId: id,
    applicationId: id,
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp();
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.appUrl, DB_POOL_SIZE: 2 })).initialize();
    auditor = await createStaffAndSignIn(t, 'auditor');
    admin = await createStaffAndSignIn(t, 'admin');
    officer = await createStaffAndSignIn(t, 'officer', { provinceCode: '79' });
    const byOfficer = { kind: 'staff' as const, id: officer.id, role: 'officer', ip: '203.0.113.7' };
    const write = (entry: AuditEntry) => appendAudit(db.manager, [entry]);
    await write(
      onApplication(appX, {
        actor: { kind: 'citizen', id: randomUUID(), ip: '198.51.100.4' },
        action: 'SUBMIT',
        toState: 'AWAITING_PAYMENT',
      }),
    );
    await write(
      onApplication(appX, {
        actor: { kind: 'provider', id: 'payment-provider' },
        action: 'PAY',
        fromState: 'AWAITING_PAYMENT',
        toState: 'CHECKING',
      }),
    );
    await write(onApplication(appY, { actor: byOfficer, action: 'CLAIM' }));
    await new Promise((r) => setTimeout(r, 30));
    between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 30));
    await write(onApplication(appX, { actor: byOfficer, action: 'CLAIM' }));
    await write(
      onApplication(appX, {
        actor: byOfficer,
        action: 'APPROVE',
        fromState: 'PENDING_REVIEW',
        toState: 'APPROVED',
        reason: 'All checks passed; photo matches.',
        data: { version: 3, note: 'ok' },
      }),
    );
    await write(
      onApplication(appY, {
        actor: byOfficer,
        action: 'REJECT',
        fromState: 'PENDING_REVIEW',
        toState: 'REJECTED',
        reason: 'PHOTO_UNSUITABLE',
      }),
    );
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  const audit = (who: { accessToken: string }, query: Record<string, string | number> = {}) =>
    request(t.url).get('/api/v1/audit').query(query).set('authorization', `Bearer ${who.accessToken}`);

  it("shows every field of an application's entries, newest first", async () => {
    const res = await audit(auditor, { applicationId: appX }).expect(200);
    const items = res.body.items as Item[];
    expect(res.body.nextCursor).toBeNull();
    expect(items.map((i) => i.action)).toEqual(['APPROVE', 'CLAIM', 'PAY', 'SUBMIT']);
    expect(items[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      actor: {
        kind: 'staff',
        id: officer.id,
        role: 'officer',
        ip: '203.0.113.7',
        username: officer.username,
      },
      action: 'APPROVE',
      subject: { type: 'application', id: appX },
      applicationId: appX,
      fromState: 'PENDING_REVIEW',
      toState: 'APPROVED',
      reason: 'All checks passed; photo matches.',
      data: { version: 3, note: 'ok' },
      chain: `application:${appX}`,
      chainSeq: 4,
      prevHash: items[1].hash,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(items[3]).toMatchObject({
      actor: { kind: 'citizen', ip: '198.51.100.4', username: null },
      chainSeq: 1,
      prevHash: null,
    });
  });

  it('filters by actor, action and time', async () => {
    const byOfficer = (await audit(auditor, { actor: officer.id }).expect(200)).body.items as Item[];
    expect(byOfficer.map((i) => [i.action, i.applicationId])).toEqual([
      ['REJECT', appY],
      ['APPROVE', appX],
      ['CLAIM', appX],
      ['CLAIM', appY],
    ]);
    const rejections = (await audit(auditor, { actor: officer.id, action: 'REJECT' }).expect(200)).body.items;
    expect(rejections.map((i: Item) => i.reason)).toEqual(['PHOTO_UNSUITABLE']);
    const later = (await audit(auditor, { applicationId: appX, from: between }).expect(200)).body.items;
    expect(later.map((i: Item) => i.action)).toEqual(['APPROVE', 'CLAIM']);
    const earlier = (await audit(auditor, { applicationId: appX, to: between }).expect(200)).body.items;
    expect(earlier.map((i: Item) => i.action)).toEqual(['PAY', 'SUBMIT']);
  });

  it('pages by id without gaps or repeats', async () => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    const pages: number[] = [];
    do {
      const query: Record<string, string | number> = { actor: officer.id, limit: 3 };
      if (cursor) query.cursor = cursor;
      const res = await audit(admin, query).expect(200);
      pages.push(res.body.items.length);
      seen.push(...(res.body.items as Item[]));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(pages).toEqual([3, 1]);
    const ids = seen.map((i) => BigInt(i.id));
    expect(new Set(ids).size).toBe(4);
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
  });

  it('is for auditors and admins only', async () => {
    await request(t.url).get('/api/v1/audit').expect(401);
    await audit(officer).expect(403);
    const supervisor = await createStaffAndSignIn(t, 'supervisor', { provinceCode: '79' });
    await audit(supervisor).expect(403);
    const citizen = await createCitizenAndSignIn(t);
    await audit(citizen).expect(403);
    await audit(admin).expect(200);
  });

  it('refuses bad filters naming the field', async () => {
    const fieldsOf = async (query: Record<string, string | number>) =>
      (await audit(auditor, query).expect(400)).body.errors?.map((e: { field: string }) => e.field);
    expect(await fieldsOf({ applicationId: 'not-a-uuid' })).toEqual(['applicationId']);
    expect(await fieldsOf({ from: 'yesterday' })).toEqual(['from']);
    expect(await fieldsOf({ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' })).toEqual(['to']);
    expect(await fieldsOf({ action: 'approve' })).toEqual(['action']);
    expect(await fieldsOf({ limit: 0 })).toEqual(['limit']);
    expect(await fieldsOf({ subject: 'x' })).toEqual(['subject']);
    const badCursor = await audit(auditor, { cursor: 'garbage' }).expect(400);
    expect(badCursor.body.detail).toContain('cursor');
  });
});
