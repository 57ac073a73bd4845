import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DriverRecord, EligibilityInput, LicenceRecord } from './eligibility-input';
import { readLicence, readLicences, readSubjectRecords, SubjectRecords } from './subject-records.query';

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

const DATE = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/** The id a not-yet-created application goes by while its checks are evaluated. */
const NEW_APPLICATION = 'new';

/**
 * Loads everything the eligibility rules need for a whole batch of applications with two statements,
 * however many applications the batch holds: the applications with their applicants, then every
 * record of every applicant (subject-records.query.ts); for a submission, one statement.
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
    // The applicant is read from their account by the records' own statement.
    const records = await readSubjectRecords(this.db.manager, [
      {
        key: NEW_APPLICATION,
        applicationId: null,
        citizenId,
        licenceNumber: request.licenceNumber,
        healthCertificateNumber: request.healthCertificateNumber,
      },
    ]);
    const found = records.get(NEW_APPLICATION);
    if (!found?.applicant) return null;
    return inputFrom(
      {
        type: request.type,
        licence_number: request.licenceNumber,
        health_certificate_number: request.healthCertificateNumber,
        new_details: request.newDetails ?? null,
        national_id: found.applicant.nationalId,
        full_name: found.applicant.fullName,
        date_of_birth: found.applicant.dateOfBirth,
      },
      found,
    );
  }

  private async subjectsFor(apps: ApplicationRow[]): Promise<Map<string, CheckSubject>> {
    const records = await readSubjectRecords(
      this.db.manager,
      apps.map((a) => ({
        key: a.id,
        applicationId: a.id,
        nationalId: a.national_id,
        licenceNumber: a.licence_number,
        healthCertificateNumber: a.health_certificate_number,
      })),
    );
    const subjects = new Map<string, CheckSubject>();
    for (const app of apps) {
      subjects.set(app.id, {
        applicationId: app.id,
        citizenId: app.citizen_id,
        reference: app.reference,
        status: app.status,
        checkRun: app.check_run,
        provinceCode: app.province_code,
        input: inputFrom(app, records.get(app.id)),
      });
    }
    return subjects;
  }

  /** One person's driver record (the citizen-ID record's name and birth date), or null. */
  async driverRecord(nationalId: string): Promise<DriverRecord | null> {
    const [driver] = await this.db.query<DriverRecord[]>(
      `SELECT national_id AS "nationalId", full_name AS "fullName", ${DATE('date_of_birth')} AS "dateOfBirth", sex
       FROM drivers WHERE national_id = $1`,
      [nationalId],
    );
    return driver ?? null;
  }

  /** One licence with its classes, whoever holds it (for screening at intake). */
  async licence(number: string, manager: EntityManager = this.db.manager): Promise<LicenceRecord | null> {
    return readLicence(manager, number);
  }

  /** Licences with their classes, by number, in one query (e.g. for a batch of issuance). */
  licencesByNumber(numbers: string[], manager: EntityManager): Promise<Map<string, LicenceRecord>> {
    return readLicences(manager, numbers);
  }
}

/** The rules' input from an application (or a submission) and the records read for it. */
function inputFrom(
  app: Pick<
    ApplicationRow,
    | 'type'
    | 'licence_number'
    | 'health_certificate_number'
    | 'new_details'
    | 'national_id'
    | 'full_name'
    | 'date_of_birth'
  >,
  found: SubjectRecords | undefined,
): Omit<EligibilityInput, 'today'> {
  return {
    applicationType: app.type,
    applicant: { nationalId: app.national_id, fullName: app.full_name, dateOfBirth: app.date_of_birth },
    driver: found?.driver ?? null,
    licenceNumber: app.licence_number,
    licence: ownLicenceOrMarker(found?.licence ?? null, app.national_id),
    healthCertificateNumber: app.health_certificate_number,
    healthCertificate: found?.healthCertificate ?? null,
    unpaidViolations: found?.unpaidViolations ?? [],
    ownedPlates: found?.ownedPlates ?? [],
    otherOpenApplications: found?.otherOpenApplications ?? [],
    newDetails: app.new_details ?? null,
  };
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
