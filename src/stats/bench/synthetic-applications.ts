import type { ClientBase } from 'pg';

/** Provinces by weight: the two big cities first, so a power curve gives them the largest share. */
const PROVINCES_BY_SIZE = [
  '79',
  '01',
  '31',
  '48',
  '92',
  '75',
  '38',
  '40',
  '24',
  '22',
  '19',
  '25',
  '33',
  '37',
  '42',
  '44',
  '46',
  '51',
  '52',
  '56',
  '66',
  '68',
  '80',
  '82',
  '86',
  '91',
  '96',
  '04',
  '08',
  '11',
  '12',
  '14',
  '15',
  '20',
];

export interface SyntheticOptions {
  /** How many applications. */
  count: number;
  /** Submissions spread evenly over this many days before `now`. */
  days: number;
  /** The moment the data set ends at ("now" for the generated histories). */
  now: Date;
  /** Seed for Postgres' random(), so two runs give the same rows. */
  seed: number;
}

/**
 * Writes `count` applications with realistic histories and their shipments, in a few set-based
 * statements (generate_series). Each application was submitted at a random time in the window; 3 %
 * were never paid, 2 % cancelled, 8 % rejected, the rest approved, issued, handed to post a day
 * later and delivered 1–4 days after that (2 % went back to the office). A step that would lie after
 * `now` has not happened yet, so the recent applications are spread over every open state. The
 * statistics count them before this returns (`stats_recount`).
 */
export async function insertSyntheticApplications(db: ClientBase, o: SyntheticOptions): Promise<void> {
  await db.query(`SELECT setseed($1)`, [(o.seed % 1000) / 1000]);
  await db.query(`
    INSERT INTO citizens (national_id, full_name, date_of_birth, phone, password_hash)
    SELECT '0010' || '90' || lpad(i::text, 6, '0'), 'Synthetic citizen ' || i, '1990-01-01', '0912345678', 'not-a-hash'
    FROM generate_series(1, 10000) AS i
    ON CONFLICT (national_id) DO NOTHING`);
  await db.query(`CREATE TEMP TABLE synthetic_citizens AS
    SELECT row_number() OVER (ORDER BY national_id) - 1 AS n, id, national_id
    FROM citizens WHERE national_id LIKE '001090%' ORDER BY national_id LIMIT 10000`);
  await db.query(
    `CREATE TEMP TABLE synthetic AS
    WITH draw AS (
      SELECT i,
        ($1::text[])[1 + floor(power(random(), 1.8) * 34)::int] AS province_code,
        $2::timestamptz - random() * make_interval(days => $3) AS submitted_at,
        random() AS fate, random() AS r_pay, random() AS r_decide, random() AS r_post, random() AS r_deliver
      FROM generate_series(1, $4::int) AS i
    ), planned AS (
      SELECT d.*,
        CASE WHEN fate >= 0.03 THEN submitted_at + r_pay * interval '6 hours' END AS paid,
        submitted_at + r_pay * interval '6 hours' + (0.2 + r_decide * r_decide * 8) * interval '1 day' AS decided
      FROM draw d
    ), timed AS (
      SELECT p.*,
        decided + interval '1 hour' AS issued,
        decided + interval '1 hour' + (0.5 + r_post) * interval '1 day' AS picked_up,
        decided + interval '1 hour' + (1.5 + r_post + r_deliver * 3) * interval '1 day' AS delivered
      FROM planned p
    )
    SELECT t.*, $2::timestamptz AS now_at FROM timed t`,
    [PROVINCES_BY_SIZE, o.now.toISOString(), o.days, o.count],
  );
  // What has happened by now_at decides the state and which timestamps are set.
  await db.query(`
    INSERT INTO applications (id, reference, citizen_id, national_id, type, licence_number, delivery, province_code,
      status, fee_amount, postal_fee, total_amount, payment_due_by, submitted_at, paid_at, checked_at, due_at,
      decided_at, decided_by, issued_at, closed_at, outcome, status_changed_at, created_at, updated_at)
    SELECT gen_random_uuid(), s.province_code || '-SYN-' || s.i, c.id, c.national_id, 'RENEWAL', lpad(s.i::text, 12, '0'),
      jsonb_build_object('method', 'POST', 'recipientName', 'Synthetic', 'phone', '0912345678', 'street', 'Phố ' || s.i,
        'commune', 'Phường Một', 'provinceCode', s.province_code),
      s.province_code, st.status, 115000, 30000, 145000, s.submitted_at + interval '1 day', s.submitted_at,
      st.paid_at, st.paid_at + interval '5 minutes', st.paid_at + interval '7 days',
      st.decided_at, CASE WHEN st.decided_at IS NOT NULL THEN 'system' END, st.issued_at,
      CASE WHEN st.status IN ('REJECTED', 'DELIVERED', 'CANCELLED', 'EXPIRED') THEN s.now_at END,
      CASE WHEN st.paid_at IS NOT NULL THEN CASE WHEN st.status = 'REJECTED' THEN 'INELIGIBLE' ELSE 'ELIGIBLE' END END,
      s.submitted_at, s.submitted_at, s.submitted_at
    FROM synthetic s
    JOIN synthetic_citizens c ON c.n = s.i % 10000
    CROSS JOIN LATERAL (
      SELECT
        CASE
          WHEN s.paid IS NULL OR s.paid > s.now_at THEN
            CASE WHEN s.submitted_at + interval '1 day' < s.now_at THEN 'EXPIRED' ELSE 'AWAITING_PAYMENT' END
          WHEN s.fate < 0.05 THEN 'CANCELLED'
          WHEN s.decided > s.now_at THEN 'PENDING_REVIEW'
          WHEN s.fate < 0.13 THEN 'REJECTED'
          WHEN s.issued > s.now_at THEN 'APPROVED'
          WHEN s.picked_up > s.now_at THEN 'ISSUED'
          WHEN s.delivered > s.now_at THEN 'IN_DELIVERY'
          WHEN s.fate < 0.15 THEN 'RETURNED_TO_OFFICE'
          ELSE 'DELIVERED'
        END AS status,
        CASE WHEN s.paid <= s.now_at THEN s.paid END AS paid_at,
        CASE WHEN s.fate >= 0.05 AND s.decided <= s.now_at THEN s.decided END AS decided_at,
        CASE WHEN s.fate >= 0.13 AND s.issued <= s.now_at THEN s.issued END AS issued_at
    ) st`);
  await db.query(`
    INSERT INTO shipments (tracking_number, application_id, recipient_name, recipient_phone, recipient_street,
      recipient_commune, recipient_province_code, contents, cash_on_delivery, origin_office, status,
      picked_up_at, delivered_at, returned_at, failed_attempts, created_at)
    SELECT 'EB' || lpad(s.i::text, 9, '0') || 'VN', a.id, 'Synthetic', '0912345678', 'Phố ' || s.i, 'Phường Một',
      s.province_code, 'CARD-' || s.i, 0, s.province_code,
      CASE a.status WHEN 'ISSUED' THEN 'READY' WHEN 'IN_DELIVERY' THEN 'IN_TRANSIT'
        WHEN 'RETURNED_TO_OFFICE' THEN 'RETURNED' ELSE 'DELIVERED' END,
      CASE WHEN a.status <> 'ISSUED' THEN s.picked_up END,
      CASE WHEN a.status = 'DELIVERED' THEN s.delivered END,
      CASE WHEN a.status = 'RETURNED_TO_OFFICE' THEN s.delivered END,
      CASE WHEN a.status = 'RETURNED_TO_OFFICE' THEN 3 ELSE 0 END,
      a.issued_at
    FROM synthetic s JOIN applications a ON a.reference = s.province_code || '-SYN-' || s.i
    WHERE a.status IN ('ISSUED', 'IN_DELIVERY', 'DELIVERED', 'RETURNED_TO_OFFICE')`);
  // Written beside the write path, with no audit entry to fold from: counted here, as an import would be.
  await db.query(`
    SELECT stats_recount(array_agg(a.id))
    FROM synthetic s JOIN applications a ON a.reference = s.province_code || '-SYN-' || s.i`);
  await db.query(`DROP TABLE synthetic`);
  await db.query(`DROP TABLE synthetic_citizens`);
}
