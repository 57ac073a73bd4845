import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { WebClient } from '../browser/web-client';
import { registeredCitizen, staffOnWeb } from '../browser/web-journey';
import { ApiProcess, startApiProcess } from '../support/api-process';
import { citizenWithLicence, submitApplication } from '../support/case-fixtures';
import { applicationBody, uploadPhoto } from '../support/citizen-journey';
import { createStaffAndSignIn, insertDriverRecord } from '../support/factories/accounts';
import { partnerWithKey } from '../support/factories/shipments';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testEnvironment } from '../support/test-env';
import { createTestRedis, TestRedis } from '../support/test-redis';
import type { FuzzWorld } from './api-requests';
import type { WebCaller } from './web-requests';

export interface FuzzSetup {
  api: ApiProcess;
  world: FuzzWorld;
  webCallers: Record<string, WebCaller>;
  close(): Promise<void>;
}

/**
 * The service as its own process (its log lines are what the suite reads) on a fresh database, with
 * one caller of each kind: a citizen with a submitted application, officer, supervisor, auditor,
 * admin, a postal partner's key, and anonymous; on the web, a signed-in citizen and officer.
 */
export async function createFuzzSetup(): Promise<FuzzSetup> {
  const db: TestDatabase = await createTestDatabase();
  const redis: TestRedis = createTestRedis();
  const api = await startApiProcess(testEnvironment(db, redis, { LOG_LEVEL: 'info' }));
  const ds = await new DataSource(dataSourceOptions({ DATABASE_URL: db.url, DB_POOL_SIZE: 2 })).initialize();
  const t = { url: api.url, db };

  const citizen = await citizenWithLicence(api.url, ds);
  const photo = await uploadPhoto(api.url, citizen.token);
  const submitted = await submitApplication(
    api.url,
    citizen.token,
    applicationBody(citizen.number, photo, { healthCertificateNumber: citizen.certificate }),
  );
  if (submitted.status !== 201) throw new Error(`seeding the application failed: ${submitted.text}`);
  const bystander = await insertDriverRecord(t, { fullName: 'Phạm Thị Hồng Nhung', phone: '0977000111' });
  const staff = Object.fromEntries(
    await Promise.all(
      (['officer', 'supervisor', 'auditor', 'admin'] as const).map(
        async (role) => [role, await createStaffAndSignIn(t, role)] as const,
      ),
    ),
  );
  const partner = await partnerWithKey(ds);

  const webCitizen = await registeredCitizen(api.url, ds, 'en');
  await webCitizen.client.get('/apply/type'); // a page with a form: its CSRF token
  const webOfficer = await staffOnWeb(api.url, staff.officer.username, staff.officer.password, 'en');
  await webOfficer.get('/staff');
  const webAnonymous = new WebClient(api.url, 'vi');
  await webAnonymous.get('/sign-in');

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const world: FuzzWorld = {
    ids: [submitted.body.id, submitted.body.payment.id, photo, staff.officer.id, partner.partnerId],
    trackingNumbers: ['EB000001258VN', 'EB000000000VN'],
    callers: {
      anonymous: {},
      citizen: bearer(citizen.token),
      officer: bearer(staff.officer.accessToken),
      supervisor: bearer(staff.supervisor.accessToken),
      auditor: bearer(staff.auditor.accessToken),
      admin: bearer(staff.admin.accessToken),
      postalPartner: { 'x-api-key': partner.key },
    },
    personal: [
      citizen.driver.nationalId,
      citizen.driver.phone,
      citizen.driver.fullName,
      citizen.number,
      bystander.nationalId,
      bystander.phone,
      bystander.fullName,
      webCitizen.driver.nationalId,
      webCitizen.driver.fullName,
    ],
  };
  const webCallers: Record<string, WebCaller> = {
    anonymous: { cookie: webAnonymous.cookieHeader(), csrfToken: webAnonymous.csrfToken },
    citizen: { cookie: webCitizen.client.cookieHeader(), csrfToken: webCitizen.client.csrfToken },
    officer: { cookie: webOfficer.cookieHeader(), csrfToken: webOfficer.csrfToken },
  };
  return {
    api,
    world,
    webCallers,
    close: async () => {
      await ds.destroy();
      await api.stop();
      await redis.clear();
      await db.drop();
    },
  };
}
