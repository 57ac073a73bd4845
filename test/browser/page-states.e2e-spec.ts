import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { APPLICATION_STATUSES, sourcesOf } from '../../src/workflow/application-workflow';
import vi from '../../src/web/i18n/vi.json';
import { applicationBody, uploadPhoto } from '../support/citizen-journey';
import { createStaffAndSignIn, StaffAccountFixture } from '../support/factories/accounts';
import { insertDriver, insertVehicle, insertViolation } from '../support/factories/records';
import { partnerWithKey } from '../support/factories/shipments';
import { PageStates, StateCase } from '../support/page-states';
import { startTestApp, TestApp } from '../support/test-app';
import { accessibilityProblems, ARTIFACTS, launchChromium } from './browser';
import { WebClient } from './web-client';
import { fillApplication, registeredCitizen, staffOnWeb, WEB_PASSWORD, WebCitizen } from './web-journey';

/** A key of the translation files shown as it is (`appStatus.READY`): its first part is a key's first part. */
const KEY_PREFIXES = new Set(Object.keys(vi).map((k) => k.split('.')[0]));
const RAW_KEY = /\b([a-z][A-Za-z]+)\.[A-Za-z_][\w.]*/g;
const ISO = /\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?/;
/** Words only English has: on a Vietnamese staff page, an evidence value holding one is English. */
const ENGLISH =
  /\b(the|and|of|is|are|not|no|yes|none|was|by|with|from|month|months|day|days|year|years|class|licence|digit|record|says|born|issued|valid|card|fit|unfit|theory|held|owned)\b/i;
const REPORT = join(ARTIFACTS, 'page-states.txt');
const PHONE = { name: '375px', viewport: { width: 375, height: 800 } };
const DESKTOP = { name: 'desktop', viewport: { width: 1280, height: 900 } };
/**
 * The server sends the same page at every width and in every language; the layout differs with the
 * width (what axe can find), the words with the language. So each page is opened once per language,
 * each language at its own width: Vietnamese, the readers' language, on a phone; English at desktop.
 */
const WIDTHS = { vi: [PHONE], en: [DESKTOP] };

/**
 * Every citizen and staff page of an application, for an application in every workflow state (and
 * the attempts the records refused before the fee), with every check outcome (PASS, FLAG, FAIL,
 * NOT_CHECKED), in Vietnamese (at 375 px) and English (at desktop width), in a real browser: no
 * 5xx, no missing translation, no raw key, no ISO date, no English evidence on a Vietnamese staff
 * page, and no axe violation of moderate impact or higher.
 */
describe('every page in every state', () => {
  let t: TestApp;
  let db: DataSource;
  let browser: Browser;
  let supervisor: StaffAccountFixture;
  let citizen: WebCitizen;
  let refusedCitizen: WebCitizen;
  let staffDesk: WebClient;
  const cases: StateCase[] = [];
  const refusedIds: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(REPORT, '');
    [browser, t] = await Promise.all([
      launchChromium(),
      startTestApp({ role: 'all', env: { POSTAL_MAX_DELIVERY_ATTEMPTS: '1' } }),
    ]);
    db = await new DataSource(dataSourceOptions({ DATABASE_URL: t.db.url, DB_POOL_SIZE: 2 })).initialize();
    supervisor = await createStaffAndSignIn(t, 'supervisor', { provinceCode: '01' });
    const partner = await partnerWithKey(db, 'Vietnam Post');
    citizen = await registeredCitizen(t.url, db);
    const states = new PageStates(t, db, citizen.driver, supervisor, partner.key);
    await states.signIn();
    const add = (name: string, c: Omit<StateCase, 'name'>) => cases.push({ name, ...c });
    const issued = async () => {
      const id = await states.paid(await states.licence(), 'PENDING_REVIEW');
      await states.decided(id, 'approve');
      await states.reached(id, 'ISSUED');
      return id;
    };
    await Promise.all([
      (async () => {
        const { id, paymentId } = await states.submitted(await states.licence());
        add('awaiting payment', { status: 'AWAITING_PAYMENT', id, paymentId });
      })(),
      (async () => {
        const { id } = await states.submitted(await states.licence());
        await states.expired(id);
        add('expired unpaid', { status: 'EXPIRED', id });
      })(),
      (async () => {
        const { id } = await states.submitted(await states.licence());
        await states.cancelled(id);
        add('cancelled', { status: 'CANCELLED', id });
      })(),
      (async () => {
        const { id } = await states.submitted(await states.licence());
        await states.paidWithoutChecks(id);
        add('checking', { status: 'CHECKING', id });
      })(),
      (async () => {
        const { id } = await states.submitted(await states.licence());
        await states.needsAttention(id, await states.paidWithoutChecks(id));
        add('checks errored', { status: 'NEEDS_ATTENTION', id });
      })(),
      (async () => {
        const id = await states.paid(await states.licence(), 'PENDING_REVIEW');
        add('every check passed', { status: 'PENDING_REVIEW', id });
      })(),
      (async () => {
        // Renewal asked for too early, at 0 points: flags (FLAG); claimed, so the decision forms show.
        const id = await states.paid(
          await states.licence({ expiresInDays: 300, points: 0 }),
          'PENDING_REVIEW',
        );
        await states.decided(id, null);
        add('flagged and claimed', { status: 'PENDING_REVIEW', id });
      })(),
      (async () => {
        const id = await states.paid(await states.licence(), 'PENDING_REVIEW');
        await states.decided(id, 'request-info', { message: 'Xin gửi lại ảnh chân dung rõ nét hơn.' });
        add('information asked for', { status: 'NEEDS_INFO', id });
      })(),
      (async () => {
        // Not in the register: every other rule NOT_CHECKED; claimed, so the verification form shows.
        const id = await states.paid(await states.licence({ inRegister: false }), 'AWAITING_VERIFICATION');
        await states.decided(id, null);
        add('licence being verified', { status: 'AWAITING_VERIFICATION', id });
      })(),
      (async () => {
        const id = await states.paid(await states.licence(), 'PENDING_REVIEW');
        await states.decided(id, null);
        await states.approvedNotIssued(id);
        add('approved', { status: 'APPROVED', id });
      })(),
      (async () => {
        const id = await states.paid(await states.licence(), 'PENDING_REVIEW');
        await states.decided(id, 'reject', {
          reasonCode: 'PHOTO_UNSUITABLE',
          note: 'Ảnh bị mờ, không rõ mặt.',
        });
        add('refused by the officer', { status: 'REJECTED', id });
      })(),
      (async () => {
        // The register changed between submission and payment: FAIL after payment, fee refunded.
        const licence = await states.licence();
        const { id, paymentId } = await states.submitted(licence);
        await db.query(
          `UPDATE licences SET status = 'SUSPENDED', suspended_until = CURRENT_DATE + 90,
             status_reason = 'Quyết định tạm giữ 15/QĐ-CSGT' WHERE number = $1`,
          [licence.number],
        );
        await states.payThen(paymentId, id, 'REJECTED');
        add('refused after payment', { status: 'REJECTED', id });
      })(),
      (async () => add('issued', { status: 'ISSUED', id: await issued() }))(),
      (async () => {
        const [inDelivery, delivered, returned, collected] = await Promise.all([
          issued(),
          issued(),
          issued(),
          issued(),
        ]);
        const failed = [
          { type: 'OUT_FOR_DELIVERY' },
          { type: 'DELIVERY_FAILED', detail: 'Không có người nhận' },
        ];
        await states.posted([
          { id: inDelivery, events: [] },
          { id: delivered, events: [{ type: 'OUT_FOR_DELIVERY' }, { type: 'DELIVERED' }] },
          { id: returned, events: failed },
          { id: collected, events: failed },
        ]);
        await states.reached(collected, 'RETURNED_TO_OFFICE');
        await states.collected(collected);
        add('in delivery', { status: 'IN_DELIVERY', id: inDelivery });
        add('delivered', { status: 'DELIVERED', id: delivered });
        add('returned to the office', { status: 'RETURNED_TO_OFFICE', id: returned });
        add('collected', { status: 'COLLECTED', id: collected });
      })(),
      (async () => {
        refusedCitizen = await citizenRefusedBeforePaying();
      })(),
    ]);
    staffDesk = await staffOnWeb(t.url, supervisor.username, supervisor.password);
    for (const c of cases) await states.reached(c.id, c.status);
  }, 240_000);

  /**
   * A second citizen with unpaid fines (their own, and a camera fine on their car; another driver's
   * fine on the car is not theirs): refused before paying for their own licence (FAIL), and for the
   * first citizen's (the only finding: not theirs; everything else NOT_CHECKED). Their form waits on
   * the check-your-answers page, which shows the refusal and the fines.
   */
  async function citizenRefusedBeforePaying(): Promise<WebCitizen> {
    const other = await registeredCitizen(t.url, db);
    const stranger = await insertDriver(db, {
      fullName: 'Phạm Văn Đức',
      sex: 'M',
      dateOfBirth: '1979-01-01',
    });
    const plate = `30F-${other.licence.slice(-5, -2)}.${other.licence.slice(-2)}1`;
    await insertVehicle(db, plate, other.driver.nationalId);
    await insertViolation(db, {
      id: `VP-${other.licence}-1`,
      plate: '29A-555.55',
      nationalId: other.driver.nationalId,
      amount: 170_000,
    });
    await insertViolation(db, { id: `VP-${other.licence}-2`, plate, nationalId: null, amount: 250_000 });
    await insertViolation(db, {
      id: `VP-${other.licence}-3`,
      plate,
      nationalId: stranger.nationalId,
      amount: 990_000,
    });
    const login = await request(t.url)
      .post('/api/v1/auth/citizen/login')
      .send({ nationalId: other.driver.nationalId, password: WEB_PASSWORD })
      .expect(200);
    const token = login.body.accessToken as string;
    for (const licence of [other.licence, citizen.licence]) {
      const photo = await uploadPhoto(t.url, token);
      const res = await request(t.url)
        .post('/api/v1/applications')
        .set('authorization', `Bearer ${token}`)
        .set('idempotency-key', `refused-${licence}`)
        .send(applicationBody(licence, photo, { healthCertificateNumber: other.certificate }))
        .expect(422);
      const [{ id }] = await db.query<{ id: string }[]>(`SELECT id FROM applications WHERE reference = $1`, [
        res.body.reference,
      ]);
      refusedIds.push(id);
    }
    await fillApplication(other);
    return other;
  }

  afterAll(async () => {
    await browser?.close();
    await db?.destroy();
    await t?.close();
  });

  /** A browser context signed in as the web client is (its cookies), in `lang`. */
  async function contextOf(client: WebClient, viewport: { width: number; height: number }) {
    const context = await browser.newContext({ viewport });
    const cookies = client
      .cookieHeader()
      .split('; ')
      .map((pair) => pair.split('='))
      .filter(([name]) => name !== 'lang')
      .map(([name, ...value]) => ({ name, value: value.join('='), url: t.url }));
    await context.addCookies(cookies);
    return context;
  }

  /** What is wrong with one page as a reader sees it, in one language. */
  async function problemsOf(page: Page, path: string, lang: 'vi' | 'en', expected = 200): Promise<string[]> {
    const response = await page.goto(`${t.url}${path}`);
    const status = response?.status() ?? 0;
    if (status !== expected) return [`answered ${status}`];
    const text = await page.locator('body').innerText();
    const problems: string[] = [];
    if (/Missing translation/.test(text)) problems.push('missing translation');
    for (const [key, prefix] of text.matchAll(RAW_KEY))
      if (KEY_PREFIXES.has(prefix)) problems.push(`raw key ${key}`);
    const iso = ISO.exec(text)?.[0];
    if (iso) problems.push(`ISO date ${iso}`);
    if (lang === 'vi' && path.startsWith('/staff/cases/')) {
      for (const value of await page.locator('.evidence__value').allInnerTexts()) {
        const english = ENGLISH.exec(value)?.[0];
        if (english) problems.push(`English evidence "${value.slice(0, 80)}"`);
      }
    }
    for (const v of await accessibilityProblems(page, 'moderate')) {
      problems.push(
        `axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      );
    }
    return problems;
  }

  it('covers every workflow state and every check outcome', async () => {
    const covered = new Set(cases.map((c) => c.status));
    expect(APPLICATION_STATUSES.filter((s) => !covered.has(s))).toEqual([]);
    const outcomes = await db.query<{ outcome: string }[]>(`SELECT DISTINCT outcome FROM application_checks`);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['FAIL', 'FLAG', 'NOT_CHECKED', 'PASS']);
  });

  /** The pages of each signed-in reader: the first citizen's, the refused citizen's, the supervisor's. */
  async function pathsToVisit(): Promise<[WebClient, string[]][]> {
    const cancellable = new Set(sourcesOf('CANCEL'));
    const citizenPaths = [
      '/applications',
      // The confirmation page says only whether the fee is still to pay: two states show both kinds.
      ...cases
        .filter((c) => ['AWAITING_PAYMENT', 'ISSUED'].includes(c.status))
        .map((c) => `/apply/confirmation/${c.id}`),
      ...cases.flatMap((c) => [
        `/applications/${c.id}`,
        ...(cancellable.has(c.status) ? [`/applications/${c.id}/cancel`] : []),
        ...(c.paymentId ? [`/pay/${c.paymentId}`] : []),
      ]),
    ];
    const refusedPaths = [
      '/applications',
      ...refusedIds.map((id) => `/applications/${id}`),
      '/apply/type',
      '/apply/licence',
      '/apply/health',
      '/apply/delivery',
      '/apply/check',
    ];
    const [{ reference }] = await db.query<{ reference: string }[]>(
      `SELECT reference FROM applications WHERE id = $1`,
      [cases[0].id],
    );
    const staffPaths = [
      '/staff',
      `/staff?q=${encodeURIComponent(reference)}`,
      '/staff/supervisor',
      '/staff/stats',
      ...[...cases.map((c) => c.id), ...refusedIds].map((id) => `/staff/cases/${id}`),
    ];
    return [
      [citizen.client, citizenPaths],
      [refusedCitizen.client, refusedPaths],
      [staffDesk, staffPaths],
    ];
  }

  // One test per language, its widths side by side (one browser, a context per reader).
  describe.each(['vi', 'en'] as const)('in %s', (lang) => {
    it('renders every page without a 5xx, a missing or raw translation, an ISO date or an axe violation', async () => {
      const readers = await pathsToVisit();
      const found: string[] = [];
      const serverErrors: string[] = [];
      await Promise.all(
        WIDTHS[lang].map(async ({ name, viewport }) => {
          for (const [client, paths] of readers) {
            const context = await contextOf(client, viewport);
            await context.addCookies([{ name: 'lang', value: lang, url: t.url }]);
            const page = await context.newPage();
            page.on('response', (r) => {
              if (r.status() >= 500) serverErrors.push(`${r.url()}: ${r.status()}`);
            });
            for (const path of paths) {
              const started = Date.now();
              const problems = await problemsOf(page, path, lang);
              for (const problem of problems) found.push(`${name} ${path}: ${problem}`);
              // What was visited, how long it took and what was wrong, as the run goes (test-artifacts/).
              const line = [`${lang} ${name} ${path} ${Date.now() - started} ms`, ...problems].join('\n  ');
              appendFileSync(REPORT, `${line}\n`);
            }
            await context.close();
          }
        }),
      );
      expect(serverErrors).toEqual([]);
      expect(found).toEqual([]);
    }, 600_000);
  });
});
