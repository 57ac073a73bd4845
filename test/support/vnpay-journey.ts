import request from 'supertest';
import type { DataSource } from 'typeorm';
import { citizenWithLicence, submitApplication } from './case-fixtures';
import { applicationBody, uploadPhoto } from './citizen-journey';

/** The simulated VNPAY payment page. */
export const SIM_PAY = '/sim/vnpay/paymentv2/vpcpay.html';

/** A citizen's new application, waiting for payment through the gateway. */
export async function newGatewayApplication(url: string, db: DataSource) {
  const c = await citizenWithLicence(url, db);
  const photo = await uploadPhoto(url, c.token);
  const res = await submitApplication(
    url,
    c.token,
    applicationBody(c.number, photo, { healthCertificateNumber: c.certificate }),
  );
  if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    c,
    id: res.body.id as string,
    payment: res.body.payment as { id: string; redirectUrl: string },
    fee: res.body.fee.amount as number,
  };
}

/** Follows the application's redirectUrl: our checkout answers with the signed VNPAY URL. */
export async function payUrlOf(url: string, redirectUrl: string): Promise<URL> {
  const res = await request(url).get(new URL(redirectUrl, url).pathname).expect(302);
  return new URL(res.headers.location, url);
}

/** The citizen on the simulated VNPAY page: Pay or Cancel; returns where VNPAY sends the browser. */
export async function decideOnSimulator(url: string, payUrl: URL, outcome: 'PAY' | 'CANCEL'): Promise<URL> {
  const browser = request.agent(url);
  const page = await browser.get(`${payUrl.pathname}${payUrl.search}`).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
  const query = /name="query" value="([^"]+)"/.exec(page.text)![1].replace(/&amp;/g, '&');
  const done = await browser.post(SIM_PAY).type('form').send({ _csrf: csrf, query, outcome }).expect(303);
  return new URL(done.headers.location);
}
