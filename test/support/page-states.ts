import request from 'supertest';
import { DataSource } from 'typeorm';
import { CheckResultsService } from '../../src/eligibility/check-results.service';
import { PaymentExpiryService } from '../../src/timers/payment-expiry.service';
import { ApplicationActions } from '../../src/workflow/application-actions';
import type { ApplicationStatus } from '../../src/workflow/application-workflow';
import { WEB_PASSWORD } from '../browser/web-journey';
import { applicationBody, uploadPhoto } from './citizen-journey';
import { payWithSimulator } from './case-fixtures';
import type { StaffAccountFixture } from './factories/accounts';
import {
  daysFromToday,
  DriverFixture,
  insertHealthCertificate,
  insertLicence,
  licenceNumber,
} from './factories/records';
import type { TestApp } from './test-app';
import { waitFor } from './wait';

/** An application put into one workflow state for the page-state test, and what its pages need. */
export interface StateCase {
  name: string;
  status: ApplicationStatus;
  id: string;
  /** The payment still open (AWAITING_PAYMENT), for its payment page. */
  paymentId?: string;
}

/**
 * Puts one citizen's applications into every workflow state, each through the service's own write
 * path: the API as the citizen, the staff and the post use it, and — for the states the workers would
 * move on from at once (CHECKING, NEEDS_ATTENTION, APPROVED, EXPIRED) — the workflow's own services,
 * called in the test process without the job that would follow.
 */
export class PageStates {
  private token = '';
  private eventSerial = 0;

  constructor(
    private readonly t: TestApp,
    private readonly db: DataSource,
    private readonly driver: DriverFixture,
    private readonly supervisor: StaffAccountFixture,
    private readonly partnerKey: string,
  ) {}

  async signIn(): Promise<void> {
    const login = await request(this.t.url)
      .post('/api/v1/auth/citizen/login')
      .send({ nationalId: this.driver.nationalId, password: WEB_PASSWORD })
      .expect(200);
    this.token = login.body.accessToken as string;
  }

  /** A licence of the citizen's (class B2, expiring in `expiresInDays`) with its health certificate. */
  async licence(opts: { expiresInDays?: number; points?: number; inRegister?: boolean } = {}) {
    const number = licenceNumber();
    if (opts.inRegister === false) return { number, certificate: null };
    await insertLicence(this.db, {
      number,
      nationalId: this.driver.nationalId,
      points: opts.points ?? 12,
      classes: [{ class: 'B2', issuedOn: '2016-12-01', expiresOn: daysFromToday(opts.expiresInDays ?? 60) }],
    });
    const certificate = `HC-${number}`;
    await insertHealthCertificate(this.db, {
      number: certificate,
      nationalId: this.driver.nationalId,
      issuedOn: daysFromToday(-30),
      validUntil: daysFromToday(335),
      groups: [2],
    });
    return { number, certificate };
  }

  /** Submitted through the API: AWAITING_PAYMENT, with its payment request. */
  async submitted(licence: { number: string; certificate: string | null }) {
    const photo = await uploadPhoto(this.t.url, this.token);
    const res = await request(this.t.url)
      .post('/api/v1/applications')
      .set('authorization', `Bearer ${this.token}`)
      .set('idempotency-key', `page-states-${licence.number}`)
      .send(
        applicationBody(licence.number, photo, { healthCertificateNumber: licence.certificate ?? undefined }),
      );
    if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id as string, paymentId: res.body.payment.id as string };
  }

  /** Paid through the simulator; the checks run on the worker until the case leaves CHECKING. */
  async paid(licence: { number: string; certificate: string | null }, until: ApplicationStatus) {
    const { id, paymentId } = await this.submitted(licence);
    await this.payThen(paymentId, id, until);
    return id;
  }

  /** Paid through the simulator for a case submitted before; waits for `until`. */
  async payThen(paymentId: string, id: string, until: ApplicationStatus): Promise<void> {
    await payWithSimulator(this.t.url, this.token, paymentId);
    await this.reached(id, until);
  }

  /** PAY taken by the provider without queuing the checks: the case waits in CHECKING. */
  async paidWithoutChecks(id: string): Promise<number> {
    const moved = await this.db.transaction((tx) =>
      this.t.app.get(ApplicationActions).take(tx, {
        applicationId: id,
        action: 'PAY',
        actor: { kind: 'provider', id: 'simulator', role: 'provider' },
        changes: { paidAt: new Date(), newCheckRun: true },
        notice: { template: 'PAID' },
      }),
    );
    return moved!.check_run;
  }

  /** The checks failed after every retry: the case waits for a supervisor. */
  needsAttention(id: string, checkRun: number): Promise<void> {
    return this.t.app
      .get(CheckResultsService)
      .markNeedsAttention(id, checkRun, 'Hệ thống dữ liệu giấy phép không trả lời');
  }

  /** The payment deadline passed unpaid: the expiry timer's own service ends the case. */
  async expired(id: string): Promise<void> {
    await this.db.query(
      `UPDATE applications SET payment_due_by = now() - interval '1 minute' WHERE id = $1`,
      [id],
    );
    expect(await this.t.app.get(PaymentExpiryService).expire([id])).toEqual(new Set([id]));
  }

  cancelled(id: string) {
    return request(this.t.url)
      .post(`/api/v1/applications/${id}/cancel`)
      .set('authorization', `Bearer ${this.token}`)
      .send({ reason: 'Tôi đổi ý' })
      .expect(200);
  }

  /** The supervisor claims the case and takes `action` through the staff API. */
  async decided(id: string, action: 'approve' | 'reject' | 'request-info' | null, body: object = {}) {
    const claim = await this.staff('post', `/api/v1/staff/applications/${id}/claim`).expect(200);
    if (!action) return;
    await this.staff('post', `/api/v1/staff/applications/${id}/${action}`)
      .send({ version: claim.body.version, ...body })
      .expect(200);
  }

  /** Approved by the supervisor, without the issuing job: the case waits in APPROVED. */
  async approvedNotIssued(id: string): Promise<void> {
    await this.db.transaction((tx) =>
      this.t.app.get(ApplicationActions).take(tx, {
        applicationId: id,
        action: 'APPROVE',
        actor: { kind: 'staff', id: this.supervisor.id, role: 'supervisor' },
        changes: { decidedAt: 'now', decidedBy: this.supervisor.id },
        notice: { template: 'APPROVED' },
      }),
    );
  }

  collected(id: string) {
    return this.staff('post', `/api/v1/staff/applications/${id}/collect`).expect(200);
  }

  /**
   * The post leases the cards (one claim may lease several, so all are claimed together), picks each
   * up (IN_DELIVERY) and reports its events after.
   */
  async posted(cards: { id: string; events: { type: string; detail?: string }[] }[]): Promise<void> {
    const rows = await this.db.query<{ application_id: string; tracking_number: string }[]>(
      `SELECT application_id, tracking_number FROM shipments WHERE application_id = ANY($1)`,
      [cards.map((c) => c.id)],
    );
    const waiting = new Set(rows.map((r) => r.tracking_number));
    await waitFor(async () => {
      const res = await this.partner('/api/v1/postal/shipments/claim').send({ limit: 50 });
      for (const item of res.body.items as { trackingNumber: string }[]) waiting.delete(item.trackingNumber);
      return waiting.size === 0 ? true : undefined;
    }, 'the shipments to be leased');
    for (const card of cards) {
      const trackingNumber = rows.find((r) => r.application_id === card.id)!.tracking_number;
      await this.partner(`/api/v1/postal/shipments/${trackingNumber}/pickup`).expect(200);
      for (const e of card.events) {
        const eventId = `page-states-${++this.eventSerial}`;
        const occurredAt = new Date().toISOString();
        await this.partner('/api/v1/postal/events')
          .send({ events: [{ eventId, trackingNumber, occurredAt, type: e.type, detail: e.detail }] })
          .expect(200);
      }
    }
  }

  async reached(id: string, status: ApplicationStatus): Promise<void> {
    await waitFor(async () => {
      const [row] = await this.db.query<{ status: string }[]>(
        `SELECT status FROM applications WHERE id = $1`,
        [id],
      );
      return row.status === status ? true : undefined;
    }, `${id} to be ${status}`);
  }

  private staff(method: 'get' | 'post', path: string) {
    return request(this.t.url)[method](path).set('authorization', `Bearer ${this.supervisor.accessToken}`);
  }

  private partner(path: string) {
    return request(this.t.url).post(path).set('x-api-key', this.partnerKey);
  }
}
