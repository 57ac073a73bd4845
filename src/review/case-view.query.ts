import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApplicationsRepository } from '../applications/applications.repository';
import { AuditLog } from '../audit/audit-log';
import type { AuthUser } from '../auth/auth.decorators';
import { notFound } from '../common/errors/domain-error';
import { Environment } from '../config/environment';
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

  async view(user: AuthUser, id: string, ip: string) {
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
              from_state AS "fromState", to_state AS "toState", reason
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
      licence,
      checks,
      photo: app.photo_upload_id ? { url: `/api/v1/staff/applications/${id}/photo` } : null,
      payments,
      messages,
      history,
      /** Notices to the citizen; a FAILED one means they may not know what happened. */
      notices: await this.notices.forCase(id),
    };
  }
}
