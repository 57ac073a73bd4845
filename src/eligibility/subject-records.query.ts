import type { EntityManager } from 'typeorm';
import type {
  DriverRecord,
  HealthCertificateRecord,
  LicenceRecord,
  ViolationRecord,
} from './eligibility-input';

/**
 * Whose records to read, and for which application (null while it is being submitted). A submission
 * names the citizen's account instead of the national ID: the same statement reads the applicant.
 */
export type SubjectKey = {
  key: string;
  applicationId: string | null;
  licenceNumber: string;
  healthCertificateNumber: string | null;
} & ({ nationalId: string; citizenId?: undefined } | { nationalId?: undefined; citizenId: string });

/** The applicant as their account knows them. */
export interface ApplicantRecord {
  nationalId: string;
  fullName: string;
  dateOfBirth: string;
}

/** The applicant's own records, as read for one subject. */
export interface SubjectRecords {
  /** Read only for a subject named by its citizen account; null when that account is gone. */
  applicant: ApplicantRecord | null;
  driver: DriverRecord | null;
  /** Whoever holds it: the caller reduces someone else's licence to a marker (ownLicenceOrMarker). */
  licence: LicenceRecord | null;
  healthCertificate: HealthCertificateRecord | null;
  ownedPlates: string[];
  /** As the violator, or on a vehicle the applicant owns. */
  unpaidViolations: ViolationRecord[];
  /** The applicant's other open applications for the same licence. */
  otherOpenApplications: { id: string; reference: string }[];
}

const DATE = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/** A licence row `l` with its classes, as a LicenceRecord. */
const LICENCE_JSON = `json_build_object('number', l.number, 'nationalId', l.national_id, 'cardKind', l.card_kind,
    'origin', l.origin, 'status', l.status, 'suspendedUntil', ${DATE('l.suspended_until')},
    'statusReason', l.status_reason, 'statusChangedOn', ${DATE('l.status_changed_on')},
    'points', l.points, 'issuingProvinceCode', l.issuing_province_code,
    'classes', COALESCE((SELECT json_agg(json_build_object('class', c.class,
                'issuedOn', ${DATE('c.issued_on')}, 'expiresOn', ${DATE('c.expires_on')},
                'automaticOnly', c.automatic_only) ORDER BY c.class)
              FROM licence_classes c WHERE c.licence_number = l.number), '[]'))`;

/**
 * An unpaid violation's columns, for the two ways it can be the applicant's: as the violator, or on a
 * vehicle they own. Each way is its own index lookup (violations_unpaid_national_id_idx,
 * violations_unpaid_plate_idx); one WHERE with OR across the two columns read every unpaid violation
 * in the country instead (52 ms a subject with 300,000 drivers, and growing with the register).
 */
const UNPAID_VIOLATION = `SELECT y.id, y.plate, y.national_id, y.amount, y.occurred_on`;

/** States in which an application still holds its licence (one open application per licence). */
const OPEN_STATES = `('AWAITING_PAYMENT', 'CHECKING', 'NEEDS_ATTENTION', 'PENDING_REVIEW', 'NEEDS_INFO', 'AWAITING_VERIFICATION', 'APPROVED')`;

/**
 * Every record the rules need, for any number of subjects, in one statement: one round trip and one
 * connection per batch (or per submission) instead of one per table. Each subquery reads by the
 * applicant's own keys; a licence is read by number (it may be someone else's, which the caller
 * reduces to "not yours" before anything else sees it). A subject named by its citizen account has
 * its national ID, name and birth date read from the account first (the submission's applicant).
 */
export const SUBJECT_RECORDS_SQL = `
  WITH subject AS (
    SELECT s.key, s.application_id, COALESCE(s.national_id, c.national_id) AS national_id, s.licence_number,
      s.certificate_number, c.applicant
    FROM unnest($1::text[], $2::uuid[], $3::char(12)[], $4::char(12)[], $5::text[], $6::uuid[])
      AS s(key, application_id, national_id, licence_number, certificate_number, citizen_id)
    LEFT JOIN LATERAL (
      SELECT c.national_id, json_build_object('nationalId', c.national_id, 'fullName', c.full_name,
               'dateOfBirth', ${DATE('c.date_of_birth')}) AS applicant
      FROM citizens c WHERE c.id = s.citizen_id) c ON true
  )
  SELECT s.key, s.applicant,
    (SELECT json_build_object('nationalId', d.national_id, 'fullName', d.full_name,
              'dateOfBirth', ${DATE('d.date_of_birth')}, 'sex', d.sex)
       FROM drivers d WHERE d.national_id = s.national_id) AS driver,
    (SELECT ${LICENCE_JSON} FROM licences l WHERE l.number = s.licence_number) AS licence,
    (SELECT json_build_object('number', h.number, 'nationalId', h.national_id,
              'issuedOn', ${DATE('h.issued_on')}, 'validUntil', ${DATE('h.valid_until')},
              'result', h.result, 'groups', h.groups::int[], 'electronic', h.electronic)
       FROM health_certificates h WHERE h.number = s.certificate_number) AS certificate,
    COALESCE((SELECT json_agg(v.plate ORDER BY v.plate)
       FROM vehicles v WHERE v.owner_national_id = s.national_id), '[]') AS plates,
    COALESCE((SELECT json_agg(json_build_object('id', x.id, 'plate', x.plate, 'nationalId', x.national_id,
              'amount', x.amount, 'occurredOn', ${DATE('x.occurred_on')}) ORDER BY x.occurred_on, x.id)
       FROM (${UNPAID_VIOLATION} FROM violations y WHERE NOT y.paid AND y.national_id = s.national_id
             UNION
             ${UNPAID_VIOLATION} FROM vehicles v JOIN violations y ON y.plate = v.plate AND NOT y.paid
             WHERE v.owner_national_id = s.national_id) x),
      '[]') AS violations,
    COALESCE((SELECT json_agg(json_build_object('id', o.id, 'reference', o.reference) ORDER BY o.reference)
       FROM applications o
       WHERE o.licence_number = s.licence_number AND o.national_id = s.national_id
         AND o.id IS DISTINCT FROM s.application_id AND o.status IN ${OPEN_STATES}), '[]') AS others
  FROM subject s`;

interface SubjectRow {
  key: string;
  applicant: ApplicantRecord | null;
  driver: DriverRecord | null;
  licence: LicenceRecord | null;
  certificate: HealthCertificateRecord | null;
  plates: string[];
  violations: ViolationRecord[];
  others: { id: string; reference: string }[];
}

/** The parameters of SUBJECT_RECORDS_SQL: one array per column of the subjects. */
export function subjectRecordsParams(subjects: readonly SubjectKey[]): unknown[] {
  return [
    subjects.map((s) => s.key),
    subjects.map((s) => s.applicationId),
    subjects.map((s) => s.nationalId ?? null),
    subjects.map((s) => s.licenceNumber),
    subjects.map((s) => s.healthCertificateNumber),
    subjects.map((s) => s.citizenId ?? null),
  ];
}

export async function readSubjectRecords(
  manager: EntityManager,
  subjects: readonly SubjectKey[],
): Promise<Map<string, SubjectRecords>> {
  if (subjects.length === 0) return new Map();
  const rows = await manager.query<SubjectRow[]>(SUBJECT_RECORDS_SQL, subjectRecordsParams(subjects));
  return new Map(
    rows.map((r) => [
      r.key,
      {
        applicant: r.applicant,
        driver: r.driver,
        licence: r.licence,
        healthCertificate: r.certificate,
        ownedPlates: r.plates,
        unpaidViolations: r.violations.map((v) => ({ ...v, amount: Number(v.amount) })),
        otherOpenApplications: r.others,
      },
    ]),
  );
}

/** Licences with their classes by number, whoever holds them; in a transaction, pass its manager. */
export async function readLicences(
  manager: EntityManager,
  numbers: readonly string[],
): Promise<Map<string, LicenceRecord>> {
  const rows = await manager.query<{ licence: LicenceRecord }[]>(
    `SELECT ${LICENCE_JSON} AS licence FROM licences l WHERE l.number = ANY($1::char(12)[])`,
    [numbers],
  );
  return new Map(rows.map((r) => [r.licence.number, r.licence]));
}

/** One licence with its classes, whoever holds it; in a transaction, pass its manager. */
export async function readLicence(manager: EntityManager, number: string): Promise<LicenceRecord | null> {
  return (await readLicences(manager, [number])).get(number) ?? null;
}
