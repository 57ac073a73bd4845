import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { startTestApp, TestApp } from './support/test-app';
import {
  createStaffAndSignIn,
  signInStaff,
  StaffAccountFixture,
  uniqueClientAddress,
} from './support/factories/accounts';

const bearer = (token: string) => `Bearer ${token}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const root = join(__dirname, '..');

describe('staff accounts', () => {
  let t: TestApp;
  let db: Client;
  let admin: StaffAccountFixture;

  beforeAll(async () => {
    t = await startTestApp();
    db = new Client({ connectionString: t.db.url });
    await db.connect();
    admin = await createStaffAndSignIn(t, 'admin');
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const asAdmin = {
    post: (path: string) => request(t.url).post(path).set('authorization', bearer(admin.accessToken)),
    patch: (path: string) => request(t.url).patch(path).set('authorization', bearer(admin.accessToken)),
    get: (path: string) => request(t.url).get(path).set('authorization', bearer(admin.accessToken)),
  };
  const staffLogin = (username: string, password: string) =>
    request(t.url)
      .post('/api/v1/auth/staff/login')
      .set('x-forwarded-for', uniqueClientAddress())
      .send({ username, password });

  it('signs staff in with role and province in the token and on the account', async () => {
    const officer = await createStaffAndSignIn(t, 'officer', {
      provinceCode: '79',
      nationalId: '079190001234',
    });
    const claims = JSON.parse(Buffer.from(officer.accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({
      sub: officer.id,
      kind: 'staff',
      role: 'officer',
      province: '79',
      nid: '079190001234',
    });
    const me = await request(t.url)
      .get('/api/v1/auth/staff/me')
      .set('authorization', bearer(officer.accessToken))
      .expect(200);
    expect(me.body).toEqual({
      kind: 'staff',
      id: officer.id,
      role: 'officer',
      nationalId: '079190001234',
      provinceCode: '79',
      username: officer.username,
    });
    // Usernames ignore case at sign-in.
    await staffLogin(officer.username.toUpperCase(), officer.password).expect(200);
    const wrong = await staffLogin(officer.username, 'definitely wrong').expect(401);
    const unknown = await staffLogin('nobody.here', 'definitely wrong').expect(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('lets only admins manage staff', async () => {
    const officer = await createStaffAndSignIn(t, 'officer');
    const auditor = await createStaffAndSignIn(t, 'auditor');
    for (const who of [officer, auditor]) {
      await request(t.url)
        .get('/api/v1/admin/staff')
        .set('authorization', bearer(who.accessToken))
        .expect(403);
    }
    await request(t.url).post('/api/v1/admin/staff').send({}).expect(401);
    await asAdmin.get('/api/v1/admin/staff').expect(200);
  });

  it('creates staff accounts over HTTP, never returning the hash, and audits it', async () => {
    const res = await asAdmin
      .post('/api/v1/admin/staff')
      .send({
        username: 'Mai.Tran',
        password: 'a sound passphrase',
        role: 'supervisor',
        provinceCode: '48',
        fullName: 'Trần Thị Mai',
      })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      username: 'Mai.Tran',
      fullName: 'Trần Thị Mai',
      role: 'supervisor',
      provinceCode: '48',
      nationalId: null,
      disabled: false,
      disabledAt: null,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|password/i);
    const audit = await db.query(`SELECT action, actor_id FROM audit_log WHERE subject_id = $1`, [
      res.body.id,
    ]);
    expect(audit.rows).toEqual([{ action: 'STAFF_ACCOUNT_CREATED', actor_id: admin.id }]);
    await signInStaff(t.url, 'mai.tran', 'a sound passphrase');

    const duplicate = await asAdmin
      .post('/api/v1/admin/staff')
      .send({ username: 'MAI.TRAN', password: 'a sound passphrase', role: 'auditor' })
      .expect(409);
    expect(duplicate.body.detail).toMatch(/already taken/);
  });

  it('enforces the province rule and password policy, naming the field', async () => {
    const noProvince = await asAdmin
      .post('/api/v1/admin/staff')
      .send({ username: 'officer.x', password: 'a sound passphrase', role: 'officer' })
      .expect(400);
    expect(noProvince.body.errors).toEqual([
      { field: 'provinceCode', message: expect.stringMatching(/required/) },
    ]);
    const nationalWithProvince = await asAdmin
      .post('/api/v1/admin/staff')
      .send({ username: 'auditor.x', password: 'a sound passphrase', role: 'auditor', provinceCode: '01' })
      .expect(400);
    expect(nationalWithProvince.body.errors[0].field).toBe('provinceCode');
    const unknownProvince = await asAdmin
      .post('/api/v1/admin/staff')
      .send({ username: 'officer.y', password: 'a sound passphrase', role: 'officer', provinceCode: '99' })
      .expect(400);
    expect(unknownProvince.body.errors[0]).toEqual({
      field: 'provinceCode',
      message: expect.stringMatching(/99/),
    });
    const weak = await asAdmin
      .post('/api/v1/admin/staff')
      .send({ username: 'officer.z', password: 'password1', role: 'officer', provinceCode: '01' })
      .expect(400);
    expect(weak.body.errors[0].field).toBe('password');
    const ownName = await asAdmin
      .post('/api/v1/admin/staff')
      .send({
        username: 'officer.w',
        password: 'Đỗ Văn Hải 2026',
        fullName: 'Đỗ Văn Hải',
        role: 'officer',
        provinceCode: '01',
      })
      .expect(400);
    expect(ownName.body.errors).toEqual([{ field: 'password', message: expect.stringMatching(/your name/) }]);
    const ownUsername = await asAdmin
      .post('/api/v1/admin/staff')
      .send({ username: 'hoang.minh', password: 'hoangminh1234', role: 'auditor' })
      .expect(400);
    expect(ownUsername.body.errors[0].message).toMatch(/username/);
    const badRole = await asAdmin
      .post('/api/v1/admin/staff')
      .send({ username: 'x.y', password: 'a sound passphrase', role: 'root' })
      .expect(400);
    expect(badRole.body.errors[0].field).toBe('role');
  });

  it('ends a disabled account\u2019s sessions for good: access and refresh tokens stay refused after re-enabling', async () => {
    const officer = await createStaffAndSignIn(t, 'officer');
    const me = () =>
      request(t.url).get('/api/v1/auth/staff/me').set('authorization', bearer(officer.accessToken));
    await me().expect(200);

    const disabled = await asAdmin
      .patch(`/api/v1/admin/staff/${officer.id}`)
      .send({ disabled: true })
      .expect(200);
    expect(disabled.body).toMatchObject({ id: officer.id, disabled: true, disabledAt: expect.any(String) });

    const refused = await me().expect(401);
    expect(refused.body.detail).toMatch(/disabled/);
    await request(t.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: officer.refreshToken })
      .expect(401);
    await staffLogin(officer.username, officer.password).expect(401);

    // A disabled account's right password gets the same answer as a wrong one: nothing is revealed.
    const wrong = await staffLogin(officer.username, 'definitely wrong').expect(401);
    const right = await staffLogin(officer.username, officer.password).expect(401);
    expect(right.body).toEqual(wrong.body);

    // Re-enabling does not bring the old sign-in back: its access and refresh tokens stay refused.
    const [{ sessions_valid_after: validAfter }] = (
      await db.query(`SELECT sessions_valid_after FROM staff_accounts WHERE id = $1`, [officer.id])
    ).rows;
    expect(validAfter).toBeInstanceOf(Date);
    await asAdmin.patch(`/api/v1/admin/staff/${officer.id}`).send({ disabled: false }).expect(200);
    // Even were the revoked refresh tokens somehow live again, sessions_valid_after alone refuses them.
    await db.query(`UPDATE refresh_tokens SET revoked_at = NULL WHERE subject_id = $1`, [officer.id]);
    const stillRefused = await me().expect(401);
    expect(stillRefused.body.detail).toMatch(/sign-in has ended/);
    await request(t.url)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: officer.refreshToken })
      .expect(401);
    // Tokens carry whole seconds (iat): one issued in the second the account was disabled is refused too.
    await sleep(Math.max(0, Math.ceil((validAfter as Date).getTime() / 1000) * 1000 - Date.now() + 50));
    const fresh = await staffLogin(officer.username, officer.password).expect(200);
    await request(t.url)
      .get('/api/v1/auth/staff/me')
      .set('authorization', bearer(fresh.body.accessToken))
      .expect(200);
    const audit = await db.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id`, [
      officer.id,
    ]);
    expect(audit.rows.map((r) => r.action)).toEqual(['STAFF_ACCOUNT_DISABLED', 'STAFF_ACCOUNT_ENABLED']);
  });

  it('refuses to let an admin disable themselves, and 404s unknown accounts', async () => {
    await asAdmin.patch(`/api/v1/admin/staff/${admin.id}`).send({ disabled: true }).expect(409);
    await asAdmin
      .patch('/api/v1/admin/staff/00000000-0000-4000-8000-000000000000')
      .send({ disabled: true })
      .expect(404);
    await asAdmin.patch('/api/v1/admin/staff/not-a-uuid').send({ disabled: true }).expect(404);
    await asAdmin.patch(`/api/v1/admin/staff/${admin.id}`).send({ disabled: 'yes' }).expect(400);
  });

  it('lists staff accounts a page at a time', async () => {
    for (const name of ['page.a', 'page.b', 'page.c']) {
      await asAdmin
        .post('/api/v1/admin/staff')
        .send({ username: name, password: 'a sound passphrase', role: 'auditor' })
        .expect(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await asAdmin
        .get(`/api/v1/admin/staff?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...(page.body.items as { username: string }[]).map((i) => i.username.toLowerCase()));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    const { rows } = await db.query(
      `SELECT lower(username) AS u FROM staff_accounts ORDER BY lower(username)`,
    );
    expect(seen).toEqual(rows.map((r) => r.u));
    await asAdmin.get('/api/v1/admin/staff?cursor=%%%').expect(400);
  });

  describe('npm run staff:create', () => {
    const run = (args: string[], input?: string) =>
      spawnSync(process.execPath, ['-r', '@swc-node/register', 'src/cli/staff-create.ts', ...args], {
        cwd: root,
        env: { ...process.env, ...t.env },
        input,
        encoding: 'utf8',
        timeout: 60000,
      });

    it('creates an account that can sign in', async () => {
      const result = run([
        '--username',
        'cli.officer',
        '--password',
        'a sound passphrase',
        '--role',
        'officer',
        '--province',
        '01',
        '--full-name',
        'Đỗ Văn Hải',
      ]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/Created officer account "cli.officer" for province 01/);
      const tokens = await signInStaff(t.url, 'cli.officer', 'a sound passphrase');
      const me = await request(t.url)
        .get('/api/v1/auth/staff/me')
        .set('authorization', bearer(tokens.accessToken))
        .expect(200);
      expect(me.body).toMatchObject({ role: 'officer', provinceCode: '01', username: 'cli.officer' });
      const audit = await db.query(`SELECT actor_kind, actor_id FROM audit_log WHERE subject_id = $1`, [
        me.body.id,
      ]);
      expect(audit.rows).toEqual([{ actor_kind: 'system', actor_id: 'cli:staff-create' }]);
    });

    it('reads the password from standard input with --password -', async () => {
      const result = run(
        ['--username', 'cli.admin', '--password', '-', '--role', 'admin'],
        'passphrase from stdin\n',
      );
      expect(result.status).toBe(0);
      await signInStaff(t.url, 'cli.admin', 'passphrase from stdin');
    });

    it('names what is wrong, with distinct exit codes', () => {
      const duplicate = run([
        '--username',
        'CLI.OFFICER',
        '--password',
        'a sound passphrase',
        '--role',
        'auditor',
      ]);
      expect(duplicate.status).toBe(3);
      expect(duplicate.stderr).toMatch(/already taken/);
      const badRole = run(['--username', 'cli.x', '--password', 'a sound passphrase', '--role', 'boss']);
      expect(badRole.status).toBe(2);
      expect(badRole.stderr).toMatch(/role must be one of officer, supervisor, auditor, admin/);
      const noProvince = run([
        '--username',
        'cli.y',
        '--password',
        'a sound passphrase',
        '--role',
        'supervisor',
      ]);
      expect(noProvince.status).toBe(2);
      expect(noProvince.stderr).toMatch(/provinceCode is required/);
      const missing = run(['--username', 'cli.z']);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/--password is required/);
    });
  });
});
