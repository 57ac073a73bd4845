import { DataSource } from 'typeorm';

/**
 * `count` paid applications waiting in CHECKING, each with its own driver, class-B licence, FIT health
 * certificate and citizen account — written in a few set-based statements, and with no outbox rows:
 * as if the relay had moved their jobs to a Redis that then lost everything.
 */
export async function insertPaidApplications(db: DataSource, count: number, tag: string): Promise<string[]> {
  const series = `generate_series(1, ${Number(count)}) AS i`;
  const nid = `'0010' || '90' || lpad((i + ${hash(tag)})::text, 6, '0')`;
  await db.query(`
    INSERT INTO drivers (national_id, full_name, date_of_birth, sex, phone, street, commune, province_code)
    SELECT ${nid}, 'Nguyễn Văn ' || i, '1990-01-01', 'M', '0912345678', 'Phố ' || i, 'Phường Một', '01' FROM ${series}`);
  await db.query(`
    INSERT INTO licences (number, national_id, card_kind, status, points, issuing_province_code)
    SELECT '02' || lpad((i + ${hash(tag)})::text, 10, '0'), ${nid}, 'PET', 'VALID', 12, '01' FROM ${series}`);
  await db.query(`
    INSERT INTO licence_classes (licence_number, class, issued_on, expires_on)
    SELECT '02' || lpad((i + ${hash(tag)})::text, 10, '0'), 'B2', '2016-12-01', (now() + interval '60 days')::date FROM ${series}`);
  await db.query(`
    INSERT INTO health_certificates (number, national_id, issued_on, valid_until, result, groups)
    SELECT 'HC-${tag}-' || i, ${nid}, (now() - interval '30 days')::date, (now() + interval '300 days')::date, 'FIT', '{2}' FROM ${series}`);
  await db.query(`
    INSERT INTO citizens (national_id, full_name, date_of_birth, phone, password_hash)
    SELECT ${nid}, 'Nguyễn Văn ' || i, '1990-01-01', '0912345678', 'not-a-real-hash' FROM ${series}`);
  const rows = await db.query<{ id: string }[]>(`
    INSERT INTO applications (reference, citizen_id, national_id, type, licence_number, health_certificate_number, delivery,
      province_code, status, fee_amount, postal_fee, total_amount, payment_due_by, check_run, paid_at)
    SELECT '01-2026-${tag}-' || i, c.id, c.national_id, 'RENEWAL', '02' || lpad((i + ${hash(tag)})::text, 10, '0'), 'HC-${tag}-' || i,
      '{"method":"OFFICE","recipientName":"x","phone":"0912345678","street":"s","commune":"c","provinceCode":"01"}',
      '01', 'CHECKING', 135000, 0, 135000, now() + interval '1 day', 1, now()
    FROM ${series} JOIN citizens c ON c.national_id = ${nid}
    RETURNING id`);
  return rows.map((r) => r.id);
}

/** An offset per tag so two batches in one database do not collide; stays within the 6-digit serial. */
function hash(tag: string): number {
  let h = 0;
  for (const ch of tag) h = (h * 31 + ch.charCodeAt(0)) % 990;
  return h * 1000;
}
