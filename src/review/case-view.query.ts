import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApplicationsRepository, CheckRow } from '../applications/applications.repository';
import { describeCheck } from '../applications/check-texts';
import { issuedLicenceOf } from '../applications/issued-licence';
import type { FormatLanguage } from '../common/format/format';
import { AuditLog } from '../audit/audit-log';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/errors/domain-error';
import { Environment } from '../config/environment';
import type { LicenceRecord } from '../eligibility/eligibility-input';
import { EligibilityLoader } from '../eligibility/eligibility-loader';
import { CaseNoticesQuery } from '../notifications/case-notices.query';
import { StaffCasesRepository } from './staff-cases.repository';

/**
 * Everything an officer needs to decide a case on one page: the application, the applicant's record,
 * the licence and its classes, every check with its evidence, the photo link, payments, messages and the
 * full history — plus the version to send back and who holds the case. Looking is itself audited.
 */
@Injectable()
export class CaseViewQuery {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: StaffCasesRepository,
    private readonly applications: ApplicationsRepository,
    private readonly records: EligibilityLoader,
    private readonly audit: AuditLog,
    private readonly env: Environment,
    private readonly notices: CaseNoticesQuery,
  ) {}

  async view(user: AuthUser, id: string, ip: string, language: FormatLanguage = 'vi') {
    const c = await this.cases.find(user, id, this.env.CLAIM_TTL_MINUTES);
    if (!c) throw notFound('Case');
    const [app] = await this.db.query<Record<string, unknown>[]>(`SELECT * FROM applications WHERE id = $1`, [
      id,
    ]);
    const [applicant] = await this.db.query<Record<string, unknown>[]>(
      `SELECT national_id AS "nationalId", full_name AS "fullName", to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", sex, phone,
              street, commune, province_code AS "provinceCode"
       FROM drivers WHERE national_id = $1`,
      [c.national_id],
    );
    const licence = await this.records.licence(c.licence_number);
    const checks = await this.applications.latestChecks(id, app.check_run as number);
    const newLicence = await issuedLicenceOf(this.db.manager, id);
    const payments = await this.db.query(
      `SELECT id, amount, status, provider_transaction_id AS "providerTransactionId", created_at AS "createdAt", settled_at AS "settledAt"
       FROM payments WHERE application_id = $1 ORDER BY created_at`,
      [id],
    );
    const messages = await this.db.query(
      `SELECT author_kind AS "authorKind", kind, body, created_at AS "createdAt" FROM application_messages WHERE application_id = $1 ORDER BY created_at`,
      [id],
    );
    const history = await this.db.query(
      `SELECT occurred_at AS "at", actor_kind AS "actorKind", actor_id AS "actorId", actor_role AS "actorRole", action,
              subject_type AS "subjectType", from_state AS "fromState", to_state AS "toState", reason
       FROM audit_log WHERE application_id = $1 ORDER BY id`,
      [id],
    );
    await this.audit.record(this.db.manager, {
      actor: { kind: 'staff', id: user.id, role: user.role, ip },
      action: 'VIEW',
      subjectType: 'application',
      subjectId: id,
      applicationId: id,
    });
    return {
      id,
      reference: c.reference,
      type: c.type,
      status: c.status,
      outcome: c.outcome,
      version: c.version,
      provinceCode: c.province_code,
      dueAt: c.due_at?.toISOString() ?? null,
      claim: c.claim_active ? { holder: c.claimed_by, since: c.claimed_at?.toISOString() ?? null } : null,
      application: {
        licenceNumber: c.licence_number,
        healthCertificateNumber: app.health_certificate_number,
        delivery: app.delivery,
        newDetails: app.new_details,
        declaration: app.declaration,
        submittedAt: app.submitted_at,
        paidAt: app.paid_at,
        attention: app.attention,
      },
      applicant: applicant ?? null,
      licence: newLicence ? licenceAsChecked(licence, checks) : licence,
      newLicence,
      // Each result in the reader's language; the stored English stays in the audit record.
      checks: checks.map((c) => ({
        rule: c.rule,
        outcome: c.outcome,
        ...describeCheck(c, language),
        evidence: c.evidence,
      })),
      photo: app.photo_upload_id ? { url: `/api/v1/staff/applications/${id}/photo` } : null,
      payments,
      messages,
      history,
      /** Notices to the citizen; a FAILED one means they may not know what happened. */
      notices: await this.notices.forCase(id),
    };
  }
}

/**
 * The licence as it stood when the case was checked. Issuing rewrites the register's card kind and
 * classes, so once a card is issued the old card's kind and classes come from the check evidence (the
 * exact records the rules used); before that, the register is the old licence.
 */
export function licenceAsChecked(register: LicenceRecord | null, checks: CheckRow[]): LicenceRecord | null {
  if (!register) return null;
  const evidence = (rule: string) => checks.find((c) => c.rule === rule)?.evidence ?? {};
  const classes = evidence('EXPIRY_WINDOW').classes;
  const cardKind = evidence('LICENCE_FOUND').cardKind;
  return {
    ...register,
    cardKind: cardKind === 'PAPER' || cardKind === 'PET' ? cardKind : register.cardKind,
    classes: Array.isArray(classes) ? (classes as LicenceRecord['classes']) : register.classes,
  };
}
