import request from 'supertest';
import { DataSource } from 'typeorm';
import { SubmitApplicationService } from '../src/applications/submit-application.service';
import type { CreateApplicationDto } from '../src/applications/dto/create-application.dto';
import type { AuthUser } from '../src/auth/auth-user';
import { applicationBody, uploadPhoto } from './support/citizen-journey';
import { citizenWithLicence, submitApplication } from './support/case-fixtures';
import { statementCounter } from './support/statement-counter';
import { startTestAppWithDb, stopTestAppWithDb, TestApp } from './support/test-app';

/**
 * What a submission writes, in two statements: the application with the photo's claim, then the audit
 * entry carrying the notices, the jobs, the checks and the payment request.
 */
describe('a submission: the application with its photo, the audit entry with its checks and payment', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    ({ t, db } = await startTestAppWithDb());
  });
  afterAll(() => stopTestAppWithDb(t, db));

  async function citizen() {
    const c = await citizenWithLicence(t.url, db);
    const [{ id }] = await db.query<{ id: string }[]>(`SELECT id FROM citizens WHERE national_id = $1`, [
      c.driver.nationalId,
    ]);
    const user: AuthUser = {
      kind: 'citizen',
      id,
      role: 'citizen',
      nationalId: c.driver.nationalId,
      provinceCode: null,
      username: null,
    };
    return { ...c, user };
  }

  it('claims the photo with the application, and stores the checks and asks for the fee with the audit entry', async () => {
    const c = await citizen();
    const photo = await uploadPhoto(t.url, c.token);
    const counted = statementCounter(t.app.get(DataSource));
    const { value, texts, statements } = await counted(() =>
      t.app.get(SubmitApplicationService).submit(
        c.user,
        'one-statement',
        applicationBody(c.number, photo, {
          healthCertificateNumber: c.certificate,
        }) as unknown as CreateApplicationDto,
        '127.0.0.1',
      ),
    );
    expect(value.status).toBe(201);
    const writes = texts.filter((q) =>
      /INSERT INTO (applications|payments|application_checks|audit_log)\b|UPDATE uploads/.test(q),
    );
    expect(writes).toHaveLength(2);
    // The records (with the applicant), BEGIN, the key, the application, the audit entry (with the
    // stored response), COMMIT.
    expect(statements).toBe(6);
    expect(writes[1]).toMatch(/UPDATE idempotency_keys\b/);
    expect(writes[0]).toMatch(/INSERT INTO applications\b/);
    expect(writes[0]).toMatch(/UPDATE uploads/);
    expect(writes[1]).toMatch(/INSERT INTO audit_log\b/);
    expect(writes[1]).toMatch(/INSERT INTO payments\b/);
    expect(writes[1]).toMatch(/INSERT INTO application_checks\b/);

    const { id, payment } = value.body;
    const [row] = await db.query<{ status: string; amount: number; application_id: string }[]>(
      `SELECT status, amount, application_id FROM payments WHERE id = $1`,
      [payment.id],
    );
    expect(row).toEqual({ status: 'PENDING', amount: value.body.fee.amount, application_id: id });
    const [{ used_by_application_id }] = await db.query<{ used_by_application_id: string }[]>(
      `SELECT used_by_application_id FROM uploads WHERE id = $1`,
      [photo],
    );
    expect(used_by_application_id).toBe(id);
    const [{ checks }] = await db.query<{ checks: number }[]>(
      `SELECT count(*)::int AS checks FROM application_checks WHERE application_id = $1 AND check_run = 0`,
      [id],
    );
    expect(checks).toBe(value.body.checks.length);
    expect(checks).toBeGreaterThan(0);
  });

  it('refuses a photo used for an earlier application, and keeps nothing of the refused attempt', async () => {
    const c = await citizen();
    const photo = await uploadPhoto(t.url, c.token);
    const body = applicationBody(c.number, photo, { healthCertificateNumber: c.certificate });
    const first = await submitApplication(t.url, c.token, body).expect(201);
    await request(t.url)
      .post(`/api/v1/applications/${first.body.id}/cancel`)
      .set('authorization', `Bearer ${c.token}`)
      .send({ reason: 'Tôi nộp lại' })
      .expect(200);

    const again = await submitApplication(t.url, c.token, body).expect(422);
    expect(again.body.errors).toEqual([
      expect.objectContaining({
        field: 'photoUploadId',
        message: expect.stringMatching(/already used for another application/),
      }),
    ]);
    const [{ applications, payments }] = await db.query<{ applications: number; payments: number }[]>(
      `SELECT count(*)::int AS applications,
              (SELECT count(*)::int FROM payments p JOIN applications a ON a.id = p.application_id
                WHERE a.citizen_id = $1) AS payments
       FROM applications WHERE citizen_id = $1`,
      [c.user.id],
    );
    expect({ applications, payments }).toEqual({ applications: 1, payments: 1 });
  });
});
