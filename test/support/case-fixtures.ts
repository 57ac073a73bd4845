import request from 'supertest';
import { DataSource } from 'typeorm';
import { applicationBody, signUpCitizen, uploadPhoto } from './citizen-journey';
import {
  daysFromToday,
  DriverFixture,
  insertDriver,
  insertHealthCertificate,
  insertLicence,
  licenceNumber,
} from './factories/records';
import { waitFor } from './wait';

export interface CitizenWithLicence {
  driver: DriverFixture;
  number: string;
  certificate: string;
  token: string;
}

/**
 * A driver with a class-B licence expiring in `expiresInDays`, a valid FIT health certificate (unless
 * told otherwise), and a registered, signed-in citizen account.
 */
export async function citizenWithLicence(
  url: string,
  db: DataSource,
  opts: {
    expiresInDays?: number;
    licence?: Record<string, unknown>;
    certificate?: false | { result?: 'FIT' | 'UNFIT' };
    driver?: Partial<DriverFixture>;
  } = {},
): Promise<CitizenWithLicence> {
  const driver = await insertDriver(db, {
    fullName: 'Trần Thị Bình',
    sex: 'F',
    dateOfBirth: '1988-03-04',
    ...opts.driver,
  });
  const number = licenceNumber();
  await insertLicence(db, {
    number,
    nationalId: driver.nationalId,
    classes: [{ class: 'B2', issuedOn: '2016-12-01', expiresOn: daysFromToday(opts.expiresInDays ?? 60) }],
    ...opts.licence,
  });
  const certificate = `HC-${number}`;
  if (opts.certificate !== false) {
    await insertHealthCertificate(db, {
      number: certificate,
      nationalId: driver.nationalId,
      issuedOn: daysFromToday(-30),
      validUntil: daysFromToday(335),
      result: opts.certificate?.result ?? 'FIT',
      groups: [2],
    });
  }
  return { driver, number, certificate, token: await signUpCitizen(url, driver) };
}

export function submitApplication(
  url: string,
  token: string,
  body: object,
  key = `key-${Math.random().toString(36).slice(2)}`,
) {
  return request(url)
    .post('/api/v1/applications')
    .set('authorization', `Bearer ${token}`)
    .set('idempotency-key', key)
    .send(body);
}

/** The citizen pays their own application through the simulator (which only its owner may use). */
export async function payWithSimulator(url: string, token: string, paymentId: string): Promise<void> {
  await request(url)
    .post(`/api/v1/payments/simulator/${paymentId}`)
    .set('authorization', `Bearer ${token}`)
    .send({ status: 'PAID' })
    .expect(200);
}

/** Polls the citizen's view of the application until `done` says so. */
export function waitForApplication(
  url: string,
  token: string,
  id: string,
  done: (app: { status: string }) => boolean = (a) => !['CHECKING', 'AWAITING_PAYMENT'].includes(a.status),
) {
  return waitFor(async () => {
    const res = await request(url)
      .get(`/api/v1/applications/${id}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    return done(res.body) ? res.body : undefined;
  }, `application ${id}`);
}

/** A citizen's application, submitted and waiting for its fee: its id, its payment's id and the amount. */
export async function awaitingPayment(url: string, db: DataSource) {
  const citizen = await citizenWithLicence(url, db);
  const photo = await uploadPhoto(url, citizen.token);
  const res = await submitApplication(
    url,
    citizen.token,
    applicationBody(citizen.number, photo, { healthCertificateNumber: citizen.certificate }),
  );
  if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    citizen,
    id: res.body.id as string,
    paymentId: res.body.payment.id as string,
    amount: res.body.fee.amount as number,
  };
}

/** Uploads a photo, submits the application, pays, and waits for the checks. */
export async function applyAndPay(url: string, c: CitizenWithLicence, over: Record<string, unknown> = {}) {
  const photo = await uploadPhoto(url, c.token);
  const res = await submitApplication(
    url,
    c.token,
    applicationBody(c.number, photo, { healthCertificateNumber: c.certificate, ...over }),
  );
  if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${JSON.stringify(res.body)}`);
  await payWithSimulator(url, c.token, res.body.payment.id);
  return waitForApplication(url, c.token, res.body.id);
}

/**
 * A paid case waiting for the office of `province` (status PENDING_REVIEW): ELIGIBLE, or FLAGGED by the
 * checks when asked (the licence is renewed too early).
 */
export async function caseWaitingForOffice(
  url: string,
  db: DataSource,
  province: string,
  opts: { flagged?: boolean } = {},
): Promise<{ id: string; nationalId: string }> {
  const citizen = await citizenWithLicence(url, db, opts.flagged ? { expiresInDays: 900 } : {});
  const body = await applyAndPay(url, citizen, {
    delivery: {
      method: 'POST',
      recipientName: 'Lê Văn Cường',
      phone: '0912345678',
      street: '5 Đường 30/4',
      commune: 'Phường Ninh Kiều',
      provinceCode: province,
    },
  });
  if (body.status !== 'PENDING_REVIEW') throw new Error(`case ${body.id} is ${body.status}, not waiting`);
  return { id: body.id as string, nationalId: citizen.driver.nationalId };
}
