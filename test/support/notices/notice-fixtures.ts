import request from 'supertest';
import type { DataSource } from 'typeorm';
import { applicationBody, uploadPhoto } from '../citizen-journey';
import { citizenWithLicence, CitizenWithLicence, submitApplication } from '../case-fixtures';
import { waitFor } from '../wait';

export interface NoticeRow {
  id: string;
  channel: 'SMS' | 'EMAIL';
  template: string;
  status: string;
  recipient: string;
  subject: string | null;
  body: string;
  language: string;
  attempts: number;
  failure_kind: string | null;
  failure_reason: string | null;
  last_error: string | null;
  provider_message_id: string | null;
}

/** A citizen with a licence whose notice preferences were set through the API. */
export async function citizenWithPreferences(
  url: string,
  db: DataSource,
  preferences: { sms?: boolean; email?: boolean; emailAddress?: string | null; language?: 'vi' | 'en' },
): Promise<CitizenWithLicence> {
  const c = await citizenWithLicence(url, db);
  await request(url)
    .patch('/api/v1/me/notification-preferences')
    .set('authorization', `Bearer ${c.token}`)
    .send(preferences)
    .expect(200);
  return c;
}

/** Submits an application (not paid): the citizen is sent the SUBMITTED notice. Returns its id. */
export async function submitFor(url: string, c: CitizenWithLicence): Promise<string> {
  const photo = await uploadPhoto(url, c.token);
  const res = await submitApplication(
    url,
    c.token,
    applicationBody(c.number, photo, { healthCertificateNumber: c.certificate }),
  );
  if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export function noticesOf(db: DataSource, applicationId: string): Promise<NoticeRow[]> {
  return db.query<NoticeRow[]>(
    `SELECT id, channel, template, status, recipient, subject, body, language, attempts, failure_kind, failure_reason,
            last_error, provider_message_id
     FROM notifications WHERE application_id = $1 ORDER BY channel`,
    [applicationId],
  );
}

/** Waits until the application's notice on `channel` is in one of `statuses`. */
export function waitForNotice(
  db: DataSource,
  applicationId: string,
  channel: 'SMS' | 'EMAIL',
  statuses: string[],
  what = `${channel} notice to be ${statuses.join(' or ')}`,
  timeoutMs = 30000,
): Promise<NoticeRow> {
  return waitFor(
    async () =>
      (await noticesOf(db, applicationId)).find((n) => n.channel === channel && statuses.includes(n.status)),
    what,
    timeoutMs,
  );
}
