import { createHash } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { OIDC_START_PER_ADDRESS } from '../src/auth/oidc/oidc-sign-in.service';
import { dataSourceOptions } from '../src/database/data-source-options';
import en from '../src/web/i18n/en.json';
import vi from '../src/web/i18n/vi.json';
import { WebClient } from './browser/web-client';
import { expectStatus, html, registeredCitizen, WEB_PASSWORD } from './browser/web-journey';
import { uniqueClientAddress } from './support/factories/accounts';
import { insertDriver, nationalIdFor } from './support/factories/records';
import { startOidcTestApp } from './support/oidc/oidc-test-app';
import { ProviderBrowser } from './support/oidc/provider-browser';
import { newSigningKey, TestIdentityProvider } from './support/oidc/test-identity-provider';
import { startTestApp } from './support/test-app';

const START = '/auth/oidc/start?next=%2Fapplications';

describe('sign-in with the national e-ID against a real OpenID provider', () => {
  let idp: TestIdentityProvider;
  /** The app at its public address (t.url is that address here). */
  let t: { url: string };
  let db: DataSource;
  let close: () => Promise<void>;
  let serial = 0;

  beforeAll(async () => {
    const started = await startOidcTestApp();
    ({ idp, close } = started);
    t = { url: started.url };
    db = await new DataSource(
      dataSourceOptions({ DATABASE_URL: started.t.db.url, DB_POOL_SIZE: 2 }),
    ).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await close();
  });

  /** A person the provider knows, with claims as given (by default: those of a new driver record). */
  async function eidPerson(claims: Partial<Record<'national_id' | 'name' | 'birthdate', string>> = {}) {
    const driver = await insertDriver(db, {
      fullName: 'Trần Thị Bích Ngọc',
      sex: 'F',
      dateOfBirth: '1979-11-23',
    });
    const login = `citizen-${++serial}`;
    // The provider spells the name without diacritics and in capitals: the record matches all the same.
    const all = {
      national_id: driver.nationalId,
      name: 'TRAN THI BICH NGOC',
      birthdate: '23/11/1979',
      ...claims,
    };
    idp.addPerson({ login, claims: all });
    return { driver, login };
  }

  /** Start at the app, sign in at the provider, come back: the app's answer to the callback. */
  async function signIn(login: string, client = new WebClient(t.url), browser = new ProviderBrowser()) {
    const start = expectStatus(await client.get(START), 303, 'GET /auth/oidc/start');
    expect(start.location).toMatch(new RegExp(`^${idp.issuer}/auth\\?`));
    const back = await browser.signIn(start.location ?? '', login, t.url);
    const callback = await client.get(`${back.pathname}${back.search}`);
    return { client, browser, back, callback };
  }

  const citizensWith = (nationalId: string) =>
    db.query<{ id: string; full_name: string; phone: string | null; has_password: boolean }[]>(
      `SELECT id, full_name, phone, password_hash IS NOT NULL AS has_password FROM citizens WHERE national_id = $1`,
      [nationalId],
    );
  const auditOf = (subjectType: string, subjectId: string) =>
    db.query<{ action: string; reason: string | null; data: Record<string, unknown> }[]>(
      `SELECT action, reason, data FROM audit_log WHERE subject_type = $1 AND subject_id = $2 ORDER BY chain_seq`,
      [subjectType, subjectId],
    );
  const signedIn = async (client: WebClient) => (await client.get('/applications')).status === 200;

  it('offers the e-ID first on the sign-in page, passwords after it', async () => {
    const page = expectStatus(
      await new WebClient(t.url).get('/sign-in?next=%2Fapply%2Ftype'),
      200,
      'GET /sign-in',
    );
    expect(page.text).toContain('href="/auth/oidc/start?next=%2Fapply%2Ftype"');
    expect(page.text.indexOf(html(vi['eid.signIn.button']))).toBeGreaterThan(0);
    expect(page.text.indexOf(html(vi['eid.signIn.button']))).toBeLessThan(
      page.text.indexOf('name="password"'),
    );
    const english = await new WebClient(t.url, 'en').get('/sign-in');
    expect(english.text).toContain(html(en['eid.signIn.button']));
  });

  it('creates the account at the first sign-in (name and phone as on record, no password) and reuses it after', async () => {
    const { driver, login } = await eidPerson();
    const first = await signIn(login);
    expect(first.back.pathname).toBe('/auth/oidc/callback');
    expect(expectStatus(first.callback, 303, 'callback').location).toBe('/applications');
    expect(await signedIn(first.client)).toBe(true);
    const [account] = await citizensWith(driver.nationalId);
    expect(account).toMatchObject({ full_name: driver.fullName, phone: driver.phone, has_password: false });
    expect((await auditOf('citizen', account.id)).map((e) => [e.action, e.data.method])).toEqual([
      ['CITIZEN_REGISTERED', 'eid'],
      ['CITIZEN_EID_LINKED', 'eid'],
      ['CITIZEN_SIGNED_IN', 'eid'],
    ]);

    // Another visit from the same browser: the provider still has its session, the app signs in again.
    const second = await signIn(login, new WebClient(t.url), first.browser);
    expect(expectStatus(second.callback, 303, 'second callback').location).toBe('/applications');
    expect(await signedIn(second.client)).toBe(true);
    expect(await citizensWith(driver.nationalId)).toHaveLength(1);
    expect((await auditOf('citizen', account.id)).map((e) => e.action)).toEqual([
      'CITIZEN_REGISTERED',
      'CITIZEN_EID_LINKED',
      'CITIZEN_SIGNED_IN',
      'CITIZEN_SIGNED_IN',
    ]);
    const [{ links }] = await db.query(
      `SELECT count(*)::int AS links FROM citizen_eid_links WHERE citizen_id = $1`,
      [account.id],
    );
    expect(links).toBe(1);

    // An account made by the e-ID has no password: no password signs in to it.
    const login_ = await request(t.url)
      .post('/api/v1/auth/citizen/login')
      .set('x-forwarded-for', uniqueClientAddress())
      .send({ nationalId: driver.nationalId, password: WEB_PASSWORD });
    expect(login_.status).toBe(401);
  });

  it('links the e-ID to an existing password account with the same citizen ID, which keeps its password', async () => {
    const existing = await registeredCitizen(t.url, db);
    const login = `citizen-${++serial}`;
    const d = existing.driver;
    idp.addPerson({
      login,
      claims: { national_id: d.nationalId, name: d.fullName, birthdate: d.dateOfBirth },
    });
    const { callback, client } = await signIn(login);
    expectStatus(callback, 303, 'callback');
    expect(await signedIn(client)).toBe(true);
    const [account] = await citizensWith(d.nationalId);
    expect(account.has_password).toBe(true);
    expect(await citizensWith(d.nationalId)).toHaveLength(1);
    const audit = await auditOf('citizen', account.id);
    expect(audit.map((e) => e.action)).toEqual([
      'CITIZEN_REGISTERED',
      'CITIZEN_EID_LINKED',
      'CITIZEN_SIGNED_IN',
    ]);
    expect(audit[1].data).toMatchObject({ existingAccount: true, issuer: idp.issuer });
    expect(audit[0].data.method).toBeUndefined(); // registered with a password, before the e-ID
  });

  it.each([
    ['no driver record has the citizen ID', { national_id: nationalIdFor('1979-11-23', 'F') }],
    ['the name differs from the record', { name: 'Trần Thị Bích Ngân' }],
    ['the birth date differs from the record', { birthdate: '1979-11-24' }],
  ])('refuses, in both languages and without an account, an identity when %s', async (_case, claims) => {
    const { driver, login } = await eidPerson(claims);
    const nationalId = 'national_id' in claims ? claims.national_id : driver.nationalId;
    const vietnamese = await signIn(login);
    expect(vietnamese.callback.status).toBe(403);
    expect(vietnamese.callback.text).toContain(html(vi['eid.refused.noRecord']));
    const english = await signIn(login, new WebClient(t.url, 'en'));
    expect(english.callback.status).toBe(403);
    expect(english.callback.text).toContain(html(en['eid.refused.noRecord']));
    expect(await signedIn(english.client)).toBe(false);
    expect(await citizensWith(nationalId)).toEqual([]);
    expect((await auditOf('eid_sign_in', nationalId)).map((e) => [e.action, e.reason])).toEqual([
      ['CITIZEN_EID_REFUSED', 'NO_DRIVER_RECORD'],
      ['CITIZEN_EID_REFUSED', 'NO_DRIVER_RECORD'],
    ]);
  });

  it('reads a claim the ID token lacks from userinfo', async () => {
    const { driver, login } = await eidPerson();
    idp.tamperNextIdToken({ claims: ({ national_id: _dropped, ...rest }) => rest });
    const { callback } = await signIn(login);
    expectStatus(callback, 303, 'callback');
    expect(await citizensWith(driver.nationalId)).toHaveLength(1);
  });

  it('refuses an identity without a citizen ID (neither in the ID token nor in userinfo)', async () => {
    const login = `citizen-${++serial}`;
    idp.addPerson({ login, claims: { name: 'Trần Thị Bích Ngọc', birthdate: '1979-11-23' } });
    const { callback } = await signIn(login);
    expect(callback.status).toBe(400);
    expect(callback.text).toContain(html(vi['eid.refused.claims']));
    const [refusal] = (await auditOf('eid_sign_in', 'unidentified')).slice(-1);
    expect(refusal).toMatchObject({ reason: 'CLAIMS_MISSING', data: { missing: ['national_id'] } });
  });

  const now = () => Math.floor(Date.now() / 1000);
  type Claims = Record<string, unknown>;
  it.each([
    [
      'a nonce other than the one sent',
      /nonce/,
      { claims: (c: Claims) => ({ ...c, nonce: 'replayed-nonce' }) },
    ],
    ['another audience', /aud/, { claims: (c: Claims) => ({ ...c, aud: 'another-client' }) }],
    ['another issuer', /iss/, { claims: (c: Claims) => ({ ...c, iss: 'https://forger.example' }) }],
    [
      'an expiry in the past',
      /exp/,
      { claims: (c: Claims) => ({ ...c, iat: now() - 7200, exp: now() - 3600 }) },
    ],
    ['a signature by another key', /signature/, { signWith: newSigningKey() }],
    [
      'claims changed under the original signature',
      /signature/,
      { claims: (c: Claims) => ({ ...c, national_id: '001090000001' }), signWith: 'keep' as const },
    ],
  ])('refuses an ID token with %s, and signs no one in', async (_case, why, tampering) => {
    const { driver, login } = await eidPerson();
    idp.tamperNextIdToken(tampering);
    const { callback, client } = await signIn(login);
    expect(callback.status).toBe(400);
    expect(callback.text).toContain(html(vi['eid.refused.token']));
    expect(await signedIn(client)).toBe(false);
    expect(await citizensWith(driver.nationalId)).toEqual([]);
    const [refusal] = (await auditOf('eid_sign_in', 'unidentified')).slice(-1);
    expect(refusal).toMatchObject({ action: 'CITIZEN_EID_REFUSED', reason: 'TOKEN_REJECTED' });
    expect(refusal.data.detail).toMatch(why); // refused for this reason, not another
  });

  it('honours a callback once, and only in the browser that started it', async () => {
    const { login } = await eidPerson();
    const client = new WebClient(t.url);
    const start = expectStatus(await client.get(START), 303, 'start');
    const attemptCookie = client.cookie('oidc_attempt');
    expect(attemptCookie).toBeTruthy();
    const back = await new ProviderBrowser().signIn(start.location ?? '', login, t.url);
    const callbackPath = `${back.pathname}${back.search}`;

    const elsewhere = await new WebClient(t.url).get(callbackPath); // a stolen code, another browser
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.text).toContain(html(vi['eid.refused.attempt']));

    expectStatus(await client.get(callbackPath), 303, 'the right browser');
    expect(client.cookie('oidc_attempt')).toBeUndefined(); // cleared

    const replay = await new WebClient(t.url).get(callbackPath, { cookie: `oidc_attempt=${attemptCookie}` });
    expect(replay.status).toBe(400);
    expect(replay.text).toContain(html(vi['eid.refused.attempt']));
  });

  it('refuses a callback whose state was changed, and the attempt is spent', async () => {
    const { login } = await eidPerson();
    const client = new WebClient(t.url);
    const start = expectStatus(await client.get(START), 303, 'start');
    const attemptCookie = client.cookie('oidc_attempt') ?? '';
    const back = await new ProviderBrowser().signIn(start.location ?? '', login, t.url);
    const forged = new URL(back);
    forged.searchParams.set('state', 'forged-state');
    const refused = await client.get(`${forged.pathname}${forged.search}`);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(html(vi['eid.refused.token']));
    const retry = await client.get(`${back.pathname}${back.search}`, {
      cookie: `oidc_attempt=${attemptCookie}`,
    });
    expect(retry.text).toContain(html(vi['eid.refused.attempt']));
  });

  it('shows a cancelled sign-in at the provider as such', async () => {
    const client = new WebClient(t.url);
    const start = expectStatus(await client.get(START), 303, 'start');
    const state = new URL(start.location ?? '').searchParams.get('state') ?? '';
    const page = await client.get(`/auth/oidc/callback?error=access_denied&state=${state}`);
    expect(page.status).toBe(400);
    expect(page.text).toContain(html(vi['eid.refused.denied']));
  });

  it('signs out of the provider too, with the ID token as hint, and comes back to the start page', async () => {
    const { login } = await eidPerson();
    const { client, browser } = await signIn(login);
    const sessionHash = createHash('sha256')
      .update(client.cookie('sid') ?? '')
      .digest();
    const idTokens = async () =>
      (await db.query(`SELECT 1 FROM oidc_web_sessions WHERE session_token_hash = $1`, [sessionHash])).length;
    expect(await idTokens()).toBe(1);
    expectStatus(await client.get('/sign-out'), 200, 'GET /sign-out');
    const out = expectStatus(await client.post('/sign-out', {}), 303, 'POST /sign-out');
    const logout = new URL(out.location ?? '');
    expect(`${logout.origin}${logout.pathname}`).toBe(`${idp.issuer}/session/end`);
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${t.url}/auth/oidc/signed-out`);
    expect(logout.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3);
    expect(await signedIn(client)).toBe(false);
    expect(await idTokens()).toBe(0);

    const backHome = await browser.signOut(logout.href, t.url);
    expect(backHome.pathname).toBe('/auth/oidc/signed-out');
    expect((await client.get(backHome.pathname)).location).toBe('/?signedOut=1');
    // The provider's session is over: the next sign-in asks for the username again.
    const again = await browser.get(
      expectStatus(await new WebClient(t.url).get(START), 303, 'start again').location ?? '',
    );
    expect(again.location?.pathname).toMatch(/^\/interaction\//);
  });

  it('limits the sign-ins one address may start (each keeps a row until used or expired)', async () => {
    const client = new WebClient(t.url);
    for (let i = 0; i < OIDC_START_PER_ADDRESS.limit; i++)
      expectStatus(await client.get(START), 303, `start ${i}`);
    const limited = await client.get(START);
    expect(limited.status).toBe(429);
    expect(limited.text).toContain(html(vi['errors.rateLimited.title']));
    expect((await new WebClient(t.url).get(START)).status).toBe(303); // another address
  });

  it('signs a password account out locally only', async () => {
    const citizen = await registeredCitizen(t.url, db);
    expectStatus(await citizen.client.get('/sign-out'), 200, 'GET /sign-out');
    expect((await citizen.client.post('/sign-out', {})).location).toBe('/?signedOut=1');
  });
});

describe('citizen sign-in settings', () => {
  it('with passwords off: only the e-ID is offered, password routes answer 404, an unreachable provider 503', async () => {
    const t = await startTestApp({
      env: {
        OIDC_ENABLED: 'true',
        OIDC_ISSUER: 'http://127.0.0.1:9', // nothing listens there
        OIDC_CLIENT_ID: 'licence-renewal',
        PASSWORD_SIGN_IN_ENABLED: 'false',
      },
    });
    try {
      const client = new WebClient(t.url);
      const page = expectStatus(await client.get('/sign-in'), 200, 'GET /sign-in');
      expect(page.text).toContain(html(vi['eid.signIn.button']));
      expect(page.text).not.toContain('name="password"');
      expect(page.text).not.toContain('href="/register"');
      expect((await client.get('/register')).status).toBe(404);
      await client.get('/staff/sign-in'); // a page with a form, for a CSRF token
      expect(
        (await client.post('/sign-in', { nationalId: '001090000001', password: WEB_PASSWORD })).status,
      ).toBe(404);
      const passwordRequests = {
        '/api/v1/auth/citizen/login': { nationalId: '001090000001', password: WEB_PASSWORD },
        '/api/v1/auth/citizen/register': {
          nationalId: '001090000001',
          fullName: 'Nguyễn Văn An',
          dateOfBirth: '1990-01-01',
          phone: '0912345678',
          password: WEB_PASSWORD,
        },
      };
      for (const [path, body] of Object.entries(passwordRequests)) {
        const res = await request(t.url).post(path).set('x-forwarded-for', uniqueClientAddress()).send(body);
        expect({ path, status: res.status, detail: res.body.detail }).toEqual({
          path,
          status: 404,
          detail: expect.stringContaining('sign in with the national electronic identity'),
        });
      }
      const unavailable = await client.get(START);
      expect(unavailable.status).toBe(503);
      expect(unavailable.text).toContain(html(vi['eid.unavailable']));
      expect(client.cookie('oidc_attempt')).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('with the e-ID off (the default): no e-ID button, and its routes answer 404', async () => {
    // Set explicitly: startTestApp leaves its variables in this file's process.env.
    const t = await startTestApp({ env: { OIDC_ENABLED: 'false', PASSWORD_SIGN_IN_ENABLED: 'true' } });
    try {
      const client = new WebClient(t.url);
      const page = expectStatus(await client.get('/sign-in'), 200, 'GET /sign-in');
      expect(page.text).not.toContain('/auth/oidc/start');
      expect(page.text).toContain('name="password"');
      expect((await client.get(START)).status).toBe(404);
      expect((await client.get('/auth/oidc/callback?code=x&state=y')).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
