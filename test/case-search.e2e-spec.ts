import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { staffOnWeb } from './browser/web-journey';
import { applyAndPay, citizenWithLicence } from './support/case-fixtures';
import { createStaffAndSignIn, StaffAccountFixture } from './support/factories/accounts';
import { startTestApp, TestApp } from './support/test-app';

describe('officers find cases (q)', () => {
  let t: TestApp;
  let db: DataSource;
  let officer: StaffAccountFixture;
  let outsider: StaffAccountFixture;
  const cases: { id: string; reference: string; nationalId: string; licence: string; name: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp({ role: 'all' });
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
    officer = await createStaffAndSignIn(t, 'officer', { provinceCode: '01' });
    outsider = await createStaffAndSignIn(t, 'officer', { provinceCode: '79' });
    for (const [fullName, sex, dateOfBirth] of [
      ['Đỗ Thị Hương', 'F', '1991-02-03'],
      ['Nguyễn Văn Hưởng', 'M', '1987-08-09'],
    ] as const) {
      const citizen = await citizenWithLicence(t.url, db, { driver: { fullName, sex, dateOfBirth } });
      const app = await applyAndPay(t.url, citizen);
      cases.push({
        id: app.id,
        reference: app.reference,
        nationalId: citizen.driver.nationalId,
        licence: citizen.number,
        name: fullName,
      });
    }
  });
  afterAll(async () => {
    await db.destroy();
    await t.close();
  });

  const search = async (q: string, who = officer, extra: Record<string, string> = {}) => {
    const res = await request(t.url)
      .get('/api/v1/staff/applications')
      .query({ q, ...extra })
      .set('authorization', `Bearer ${who.accessToken}`);
    expect(res.status).toBe(200);
    return (res.body.items as { id: string; applicantName: string }[]).map((i) => i.id);
  };

  it('finds a case by reference, citizen ID and licence number', async () => {
    const [huong, huong2] = cases;
    expect(await search(huong.reference)).toEqual([huong.id]);
    expect(await search(huong.nationalId)).toEqual([huong.id]);
    expect(await search(huong2.licence)).toEqual([huong2.id]);
    expect(await search('01-2026-9999999')).toEqual([]);
  });

  it('finds by name with or without diacritics, in part, whatever the case', async () => {
    const [huong, huong2] = cases;
    expect(await search('Đỗ Thị Hương')).toEqual([huong.id]);
    expect(await search('do thi huong')).toEqual([huong.id]);
    expect(await search('THỊ HƯƠNG')).toEqual([huong.id]);
    // Marks are set aside: "huong" (or "HƯƠNG") is both Hương and Hưởng.
    expect((await search('huong')).sort()).toEqual([huong.id, huong2.id].sort());
    expect((await search('HƯƠNG')).sort()).toEqual([huong.id, huong2.id].sort());
    expect(await search('nguyen van')).toEqual([huong2.id]);
    expect(await search('50%')).toEqual([]);
  });

  it('looks through every status unless one is chosen, and only in the own province', async () => {
    const [huong] = cases;
    await db.query(`UPDATE applications SET status = 'REJECTED' WHERE id = $1`, [huong.id]);
    try {
      expect(await search(huong.reference)).toEqual([huong.id]);
      expect(await search(huong.reference, officer, { status: 'PENDING_REVIEW' })).toEqual([]);
      expect(await search(huong.reference, outsider)).toEqual([]);
      expect(await search('huong', outsider)).toEqual([]);
    } finally {
      await db.query(`UPDATE applications SET status = 'PENDING_REVIEW' WHERE id = $1`, [huong.id]);
    }
  });

  it('refuses a one-letter search with a message', async () => {
    const res = await request(t.url)
      .get('/api/v1/staff/applications?q=a')
      .set('authorization', `Bearer ${officer.accessToken}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'q', message: 'q must be 2 to 100 characters' }]);
  });

  it('searches names through the trigram index on folded names', async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL enable_seqscan = off`);
      const rows = await tx.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN SELECT id FROM citizens WHERE fold_vietnamese(full_name) LIKE $1`,
        ['%huong%'],
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('citizens_folded_name_trgm_idx');
    const [{ folded }] = await db.query<{ folded: string }[]>(`SELECT fold_vietnamese($1) AS folded`, [
      '  ĐỖ   Thị Hưởng ',
    ]);
    expect(folded).toBe('do thi huong');
  });

  it('has a search box on the queue page, and names the province', async () => {
    const [huong] = cases;
    const desk = await staffOnWeb(t.url, officer.username, officer.password);
    const queue = await desk.get('/staff');
    expect(queue.text).toContain('<span class="caption" id="queue-province">Hà Nội</span>');
    expect(queue.text).toMatch(/<input[^>]+name="q"[^>]+type="search"/);
    const found = await desk.get(`/staff?q=${encodeURIComponent('do thi huong')}`);
    expect(found.status).toBe(200);
    expect(found.text).toContain(`>${huong.reference}</a>`);
    expect(found.text).toContain(huong.name);
    expect(found.text).not.toContain(`>${cases[1].reference}</a>`);
  });
});
