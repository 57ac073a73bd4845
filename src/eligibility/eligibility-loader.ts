import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  DriverRecord,
  EligibilityInput,
  HealthCertificateRecord,
  LicenceRecord,
  ViolationRecord,
} from './eligibility-input';

/** What a check run is about: the application as it stands when the job runs. */
export interface CheckSubject {
  applicationId: string;
  citizenId: string;
  reference: string;
  status: string;
  checkRun: number;
  provinceCode: string;
  input: Omit<EligibilityInput, 'today'>;
}

interface ApplicationRow {
  id: string;
  citizen_id: string;
  reference: string;
  status: string;
  check_run: number;
  province_code: string;
  type: EligibilityInput['applicationType'];
  licence_number: string;
  health_certificate_number: string | null;
  new_details: EligibilityInput['newDetails'];
  national_id: string;
  full_name: string;
  date_of_birth: string;
}

interface OpenApplication {
  id: string;
  reference: string;
  nationalId: string;
}

const DATE = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/** The id a not-yet-created application goes by while its checks are evaluated. */
const NEW_APPLICATION = 'new';

/**
 * Loads everything the eligibility rules need for a whole batch of applications with seven set-based
 * queries, however many applications the batch holds: applications with their applicants, drivers,
 * licences with classes, certificates, owned vehicles, unpaid violations, other open applications.
 */
@Injectable()
export class EligibilityLoader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(applicationIds: string[]): Promise<Map<string, CheckSubject>> {
    const apps = await this.db.query<ApplicationRow[]>(
      `SELECT a.id, a.citizen_id, a.reference, a.status, a.check_run, a.province_code, a.type, a.licence_number,
              a.health_certificate_number, a.new_details, c.national_id, c.full_name, ${DATE('c.date_of_birth')} AS date_of_birth
       FROM applications a JOIN citizens c ON c.id = a.citizen_id
       WHERE a.id = ANY($1::uuid[])`,
      [applicationIds],
    );
    return this.subjectsFor(apps);
  }

  /**
   * The input the rules would see for an application the citizen is about to submit: the same
   * records as a queued check, read before any fee is asked for.
   */
  async forSubmission(
    citizenId: string,
    request: {
      type: EligibilityInput['applicationType'];
      licenceNumber: string;
      healthCertificateNumber: string | null;
      newDetails: EligibilityInput['newDetails'];
    },
  ): Promise<Omit<EligibilityInput, 'today'> | null> {
    const [citizen] = await this.db.query<
      { national_id: string; full_name: string; date_of_birth: string }[]
    >(
      `SELECT national_id, full_name, ${DATE('date_of_birth')} AS date_of_birth FROM citizens WHERE id = $1`,
      [citizenId],
    );
    if (!citizen) return null;
    const subjects = await this.subjectsFor([
      {
        id: NEW_APPLICATION,
        citizen_id: citizenId,
        reference: '',
        status: 'NEW',
        check_run: 0,
        province_code: '',
        type: request.type,
        licence_number: request.licenceNumber,
        health_certificate_number: request.healthCertificateNumber,
        new_details: request.newDetails ?? null,
        ...citizen,
      },
    ]);
    return subjects.get(NEW_APPLICATION)?.input ?? null;
  }

  private async subjectsFor(apps: ApplicationRow[]): Promise<Map<string, CheckSubject>> {
    const nationalIds = unique(apps.map((a) => a.national_id));
    const licenceNumbers = unique(apps.map((a) => a.licence_number));
    const certificateNumbers = unique(
      apps.map((a) => a.health_certificate_number).filter((n): n is string => !!n),
    );

    const [drivers, licences, certificates, others, vehicles] = await Promise.all([
      this.drivers(nationalIds),
      this.licences(licenceNumbers),
      this.certificates(certificateNumbers),
      this.otherOpen(licenceNumbers),
      this.vehicles(nationalIds),
    ]);
    // Only the applicants' own records: their fines as drivers, and fines on their vehicles.
    const platesByOwner = groupBy(vehicles, (v) => v.owner);
    const violations = await this.unpaidViolations(nationalIds, unique(vehicles.map((v) => v.plate)));

    const subjects = new Map<string, CheckSubject>();
    for (const app of apps) {
      const licence = ownLicenceOrMarker(licences.get(app.licence_number) ?? null, app.national_id);
      const holder = app.national_id;
      const plates = (platesByOwner.get(holder) ?? []).map((v) => v.plate);
      const plateSet = new Set(plates);
      subjects.set(app.id, {
        applicationId: app.id,
        citizenId: app.citizen_id,
        reference: app.reference,
        status: app.status,
        checkRun: app.check_run,
        provinceCode: app.province_code,
        input: {
          applicationType: app.type,
          applicant: { nationalId: app.national_id, fullName: app.full_name, dateOfBirth: app.date_of_birth },
          driver: drivers.get(app.national_id) ?? null,
          licenceNumber: app.licence_number,
          licence,
          healthCertificateNumber: app.health_certificate_number,
          healthCertificate: app.health_certificate_number
            ? (certificates.get(app.health_certificate_number) ?? null)
            : null,
          unpaidViolations: violations.filter(
            (v) => v.nationalId === holder || (v.plate !== null && plateSet.has(v.plate)),
          ),
          ownedPlates: plates,
          otherOpenApplications: (others.get(app.licence_number) ?? [])
            .filter((o) => o.id !== app.id && o.nationalId === holder)
            .map((o) => ({ id: o.id, reference: o.reference })),
          newDetails: app.new_details ?? null,
        },
      });
    }
    return subjects;
  }

  /** One person's driver record (the citizen-ID record's name and birth date), or null. */
  async driverRecord(nationalId: string): Promise<DriverRecord | null> {
    return (await this.drivers([nationalId])).get(nationalId) ?? null;
  }

  /** One licence with its classes, for screening at intake. */
  async licence(number: string, manager: EntityManager = this.db.manager): Promise<LicenceRecord | null> {
    return (await this.licences([number], manager)).get(number) ?? null;
  }

  /** Licences with their classes, by number, in one query (e.g. for a batch of issuance). */
  licencesByNumber(numbers: string[], manager: EntityManager): Promise<Map<string, LicenceRecord>> {
    return this.licences(numbers, manager);
  }

  private async drivers(ids: string[]): Promise<Map<string, DriverRecord>> {
    const rows = await this.db.query<DriverRecord[]>(
      `SELECT national_id AS "nationalId", full_name AS "fullName", ${DATE('date_of_birth')} AS "dateOfBirth", sex
       FROM drivers WHERE national_id = ANY($1::char(12)[])`,
      [ids],
    );
    return new Map(rows.map((d) => [d.nationalId, d]));
  }

  /** Inside a transaction, pass its manager: a second pooled connection could wait forever for a free one. */
  private async licences(
    numbers: string[],
    manager: EntityManager = this.db.manager,
  ): Promise<Map<string, LicenceRecord>> {
    const rows = await manager.query<LicenceRecord[]>(
      `SELECT l.number, l.national_id AS "nationalId", l.card_kind AS "cardKind", l.origin, l.status,
              ${DATE('l.suspended_until')} AS "suspendedUntil", l.status_reason AS "statusReason",
              ${DATE('l.status_changed_on')} AS "statusChangedOn", l.points, l.issuing_province_code AS "issuingProvinceCode",
              COALESCE((SELECT json_agg(json_build_object('class', c.class, 'issuedOn', ${DATE('c.issued_on')},
                        'expiresOn', ${DATE('c.expires_on')}, 'automaticOnly', c.automatic_only) ORDER BY c.class)
                        FROM licence_classes c WHERE c.licence_number = l.number), '[]') AS classes
       FROM licences l WHERE l.number = ANY($1::char(12)[])`,
      [numbers],
    );
    return new Map(rows.map((l) => [l.number, l]));
  }

  private async certificates(numbers: string[]): Promise<Map<string, HealthCertificateRecord>> {
    if (numbers.length === 0) return new Map();
    const rows = await this.db.query<HealthCertificateRecord[]>(
      `SELECT number, national_id AS "nationalId", ${DATE('issued_on')} AS "issuedOn", ${DATE('valid_until')} AS "validUntil",
              result, groups::int[] AS groups, electronic
       FROM health_certificates WHERE number = ANY($1::text[])`,
      [numbers],
    );
    return new Map(rows.map((c) => [c.number, c]));
  }

  private vehicles(owners: string[]): Promise<{ plate: string; owner: string }[]> {
    return this.db.query(
      `SELECT plate, owner_national_id AS owner FROM vehicles WHERE owner_national_id = ANY($1::char(12)[])`,
      [owners],
    );
  }

  private async unpaidViolations(nationalIds: string[], plates: string[]): Promise<ViolationRecord[]> {
    const rows = await this.db.query<(Omit<ViolationRecord, 'amount'> & { amount: string })[]>(
      `SELECT id, plate, national_id AS "nationalId", amount, ${DATE('occurred_on')} AS "occurredOn"
       FROM violations WHERE NOT paid AND national_id = ANY($1::char(12)[])
       UNION
       SELECT id, plate, national_id AS "nationalId", amount, ${DATE('occurred_on')} AS "occurredOn"
       FROM violations WHERE NOT paid AND plate = ANY($2::text[])`,
      [nationalIds, plates],
    );
    return rows.map((v) => ({ ...v, amount: Number(v.amount) }));
  }

  /** Open applications for these licences, with who made them: only the holder's own count as "another". */
  private async otherOpen(licenceNumbers: string[]): Promise<Map<string, OpenApplication[]>> {
    const rows = await this.db.query<(OpenApplication & { licence_number: string })[]>(
      `SELECT id, reference, national_id AS "nationalId", licence_number FROM applications
       WHERE licence_number = ANY($1::char(12)[])
         AND status IN ('AWAITING_PAYMENT', 'CHECKING', 'NEEDS_ATTENTION', 'PENDING_REVIEW', 'NEEDS_INFO', 'APPROVED')`,
      [licenceNumbers],
    );
    return groupBy(rows, (r) => r.licence_number);
  }
}

/**
 * Someone else's licence is reduced to the fact that it is not the applicant's: its classes, status,
 * points and holder never reach the rules, the evidence, the pages or the logs.
 */
export function ownLicenceOrMarker(licence: LicenceRecord | null, applicantId: string): LicenceRecord | null {
  if (licence === null || licence.nationalId === applicantId) return licence;
  return {
    number: licence.number,
    nationalId: ANOTHER_HOLDER,
    cardKind: 'PET',
    origin: 'DOMESTIC',
    status: 'VALID',
    suspendedUntil: null,
    statusReason: null,
    statusChangedOn: null,
    points: 0,
    issuingProvinceCode: '',
    classes: [],
  };
}

/** Stands for "not the applicant" wherever another holder's ID would have been. */
export const ANOTHER_HOLDER = 'another-holder';

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function groupBy<T>(values: T[], key: (v: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const v of values) map.set(key(v), [...(map.get(key(v)) ?? []), v]);
  return map;
}
