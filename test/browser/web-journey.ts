import { DataSource } from 'typeorm';
import { portraitJpeg } from '../support/citizen-journey';
import {
  daysFromToday,
  DriverFixture,
  insertDriver,
  insertHealthCertificate,
  insertLicence,
  licenceNumber,
} from '../support/factories/records';
import { waitFor } from '../support/wait';
import { Page, WebClient } from './web-client';

/**
 * The web form journeys for the fast web tests, through WebClient (no browser): each step asserts the
 * page answered as a browser would see it, so a broken page fails here with its path in the message.
 */
export const WEB_PASSWORD = 'correct horse battery staple';

export interface WebCitizen {
  client: WebClient;
  driver: DriverFixture;
  licence: string;
  certificate: string;
}

export function expectStatus(page: Page, status: number, what: string): Page {
  if (page.status !== status) {
    throw new Error(
      `${what}: expected ${status}, got ${page.status} ${page.location ?? ''}\n${page.text.slice(0, 2000)}`,
    );
  }
  return page;
}

/** A driver with a class-B2 licence and a health certificate, registered (and signed in) on the web. */
export async function registeredCitizen(
  url: string,
  db: DataSource,
  lang: 'vi' | 'en' = 'vi',
): Promise<WebCitizen> {
  const driver = await insertDriver(db, { fullName: 'Lê Văn Cường', sex: 'M', dateOfBirth: '1985-07-09' });
  const licence = licenceNumber();
  await insertLicence(db, {
    number: licence,
    nationalId: driver.nationalId,
    classes: [{ class: 'B2', issuedOn: '2016-12-01', expiresOn: daysFromToday(60) }],
  });
  const certificate = `HC-${licence}`;
  await insertHealthCertificate(db, {
    number: certificate,
    nationalId: driver.nationalId,
    issuedOn: daysFromToday(-30),
    validUntil: daysFromToday(335),
    groups: [2],
  });
  const client = new WebClient(url, lang);
  expectStatus(await client.get('/register'), 200, 'GET /register');
  const registered = await client.post('/register', {
    nationalId: driver.nationalId,
    fullName: driver.fullName,
    dateOfBirth: driver.dateOfBirth,
    phone: driver.phone,
    email: '',
    password: WEB_PASSWORD,
    passwordConfirm: WEB_PASSWORD,
  });
  expectStatus(registered, 303, 'POST /register');
  return { client, driver, licence, certificate };
}

/** Every page of the application form, in order, each shown (GET) and then answered (POST). */
export async function fillApplication(c: WebCitizen): Promise<{ checkPage: Page }> {
  const step = async (path: string, fields: Record<string, string>) => {
    expectStatus(await c.client.get(path), 200, `GET ${path}`);
    return expectStatus(await c.client.post(path, fields), 303, `POST ${path}`);
  };
  await step('/apply/type', { type: 'RENEWAL' });
  await step('/apply/licence', { licenceNumber: c.licence });
  expectStatus(await c.client.get('/apply/photo'), 200, 'GET /apply/photo');
  const photo = await c.client.postMultipart(
    '/apply/photo',
    {},
    {
      field: 'photo',
      bytes: await portraitJpeg(),
      name: 'portrait.jpg',
      type: 'image/jpeg',
    },
  );
  expectStatus(photo, 303, 'POST /apply/photo');
  expectStatus(await c.client.get('/apply/photo/preview'), 200, 'GET /apply/photo/preview');
  await step('/apply/health', { healthCertificateNumber: c.certificate });
  await step('/apply/delivery', {
    method: 'POST',
    recipientName: c.driver.fullName,
    phone: c.driver.phone,
    street: '12 Phố Huế',
    commune: 'Phường Hai Bà Trưng',
    provinceCode: c.driver.provinceCode,
  });
  return { checkPage: expectStatus(await c.client.get('/apply/check'), 200, 'GET /apply/check') };
}

export const submissionKeyOf = (page: Page) => /name="submissionKey" value="([^"]+)"/.exec(page.text)![1];

/** Fills, submits and pays; returns the application id once its checks have run. */
export async function applyAndPayOnWeb(
  c: WebCitizen,
  db: DataSource,
): Promise<{ applicationId: string; paymentId: string }> {
  const { checkPage } = await fillApplication(c);
  const sent = expectStatus(
    await c.client.post('/apply/check', { submissionKey: submissionKeyOf(checkPage) }),
    303,
    'POST /apply/check',
  );
  const applicationId = /\/apply\/confirmation\/([0-9a-f-]{36})$/.exec(sent.location!)![1];
  const confirmation = expectStatus(await c.client.get(sent.location!), 200, 'GET confirmation');
  const paymentId = /href="\/pay\/([0-9a-f-]{36})"/.exec(confirmation.text)![1];
  expectStatus(await c.client.get(`/pay/${paymentId}`), 200, 'GET /pay');
  expectStatus(await c.client.post(`/pay/${paymentId}`, { outcome: 'PAID' }), 303, 'POST /pay');
  await waitFor(async () => {
    const [row] = await db.query<{ status: string }[]>(`SELECT status FROM applications WHERE id = $1`, [
      applicationId,
    ]);
    return row.status === 'PENDING_REVIEW' ? true : undefined;
  }, 'the checks to pass');
  return { applicationId, paymentId };
}

/** A staff member signed in through the staff sign-in page. */
export async function staffOnWeb(url: string, username: string, password: string, lang: 'vi' | 'en' = 'vi') {
  const client = new WebClient(url, lang);
  expectStatus(await client.get('/staff/sign-in'), 200, 'GET /staff/sign-in');
  expectStatus(
    await client.post('/staff/sign-in', { username, password, next: '/staff' }),
    303,
    'POST /staff/sign-in',
  );
  return client;
}

/** The page's <title>, to compare with the translated title. */
export const titleOf = (page: Page) => /<title>([^<]*)<\/title>/.exec(page.text)?.[1] ?? '';

/** HTML-escaped as nunjucks writes text (quotes and ampersands included). */
export const html = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
