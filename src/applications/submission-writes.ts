import { storeChecksSql } from '../eligibility/check-results-store';

/**
 * What follows a new application in its transaction, in one statement: its checks stored, the
 * citizen's photo claimed for it, its payment requested (the payment's id made by the caller, so that
 * nothing needs reading back). Parameters: application id, check run, checks (checksJson), upload id,
 * citizen id, payment id, amount. Answers whether the photo was claimed: when not, the caller refuses
 * (UploadsService.refuseUnclaimed) and the transaction takes everything back.
 */
export const SUBMISSION_WRITES_SQL = `
  WITH checks AS (${storeChecksSql('$1::uuid', '$2::int', '$3')}),
  photo AS (
    UPDATE uploads SET used_at = now(), used_by_application_id = $1::uuid
    WHERE id = $4::uuid AND owner_citizen_id = $5::uuid AND used_at IS NULL
    RETURNING id
  ),
  payment AS (
    INSERT INTO payments (id, application_id, amount, status) VALUES ($6::uuid, $1::uuid, $7::int, 'PENDING')
  )
  SELECT EXISTS (SELECT 1 FROM photo) AS photo_claimed`;
