import { updateReturning } from '../database/update-returning';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
import { Clock } from '../common/clock';
import { EligibilityLoader } from '../eligibility/eligibility-loader';
import { ShipmentsService } from '../postal/shipments.service';
import { raiseStaffAlert } from '../review/staff-alerts';
import { ApplicationActions } from '../workflow/application-actions';
import { AUTOMATIC_ONLY, CardClass, newCardClasses } from './new-card-classes';

interface ApprovedApplication {
  id: string;
  reference: string;
  citizen_id: string;
  national_id: string;
  licence_number: string;
  province_code: string;
  status: string;
  delivery: {
    method: 'POST' | 'OFFICE';
    recipientName: string;
    phone: string;
    street: string;
    commune: string;
    provinceCode: string;
  };
  new_details: { fullName?: string; dateOfBirth?: string } | null;
}

export type IssueOutcome =
  { issued: true; serial: string; trackingNumber: string | null } | { issued: false; reason: string };

/**
 * Issues the new card for an approved application, all in one transaction: a new card serial, the
 * classes with their new expiry, the details from the citizen-ID record, the old card marked replaced,
 * the application moved to ISSUED, and the card handed to the post (or kept for collection). The
 * application row lock and the unique card-per-application constraint make a second run a no-op.
 */
@Injectable()
export class IssueLicenceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly records: EligibilityLoader,
    private readonly shipments: ShipmentsService,
    private readonly audit: AuditLog,
    private readonly actions: ApplicationActions,
    private readonly clock: Clock,
  ) {}

  /** When issuing keeps failing: the case stays APPROVED, visibly marked, and the province is alerted. */
  async markNeedsAttention(applicationId: string, error: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Marks the case, and only while it is APPROVED; its state is changed by the write path alone.
      const rows = await updateReturning<{ id: string; reference: string; province_code: string }>(
        tx,
        `UPDATE applications SET attention = $2::jsonb, updated_at = now() WHERE id = $1 AND status IN ('APPROVED')
         RETURNING id, reference, province_code`,
        [applicationId, JSON.stringify({ stage: 'ISSUANCE', error, at: new Date().toISOString() })],
      );
      if (!rows.length) return;
      await raiseStaffAlert(tx, {
        provinceCode: rows[0].province_code,
        applicationId,
        kind: 'NEEDS_ATTENTION',
        message: `The card for ${rows[0].reference} could not be issued: ${error}`,
      });
      await this.audit.record(tx, {
        actor: SYSTEM_ACTOR,
        action: 'ISSUE_FAILED',
        subjectType: 'application',
        subjectId: applicationId,
        applicationId,
        reason: error,
      });
    });
  }

  issue(applicationId: string): Promise<IssueOutcome> {
    return this.db.transaction(async (tx) => {
      const [app] = await tx.query<ApprovedApplication[]>(
        `SELECT id, reference, citizen_id, national_id, licence_number, province_code, status, delivery, new_details
         FROM applications WHERE id = $1 FOR UPDATE`,
        [applicationId],
      );
      if (!app) return { issued: false, reason: 'no such application' };
      if (app.status !== 'APPROVED') return { issued: false, reason: `application is ${app.status}` };
      const [holder] = await tx.query<{ full_name: string; date_of_birth: string; sex: 'M' | 'F' }[]>(
        `SELECT full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, sex FROM drivers WHERE national_id = $1`,
        [app.national_id],
      );
      const licence = await this.records.licence(app.licence_number, tx);
      if (!holder || !licence) throw new Error(`Records for ${app.reference} disappeared after approval`);
      const today = this.clock.today();
      const classes = newCardClasses(licence.classes, today, {
        dateOfBirth: holder.date_of_birth,
        sex: holder.sex,
      });
      const serial = await this.newCard(tx, app, holder, classes, today);
      await this.updateRegister(tx, app.licence_number, classes);
      // Handed over first, so the ISSUE entry can name the tracking number; all in this transaction.
      const trackingNumber = await this.handOver(tx, app, serial);
      const moved = await this.actions.take(tx, {
        applicationId: app.id,
        action: 'ISSUE',
        actor: SYSTEM_ACTOR,
        changes: { issuedAt: 'now' },
        data: {
          serial,
          licenceNumber: app.licence_number,
          classes,
          trackingNumber,
          delivery: app.delivery.method,
        },
        notice: {
          template: app.delivery.method === 'POST' ? 'ISSUED' : 'READY_FOR_COLLECTION',
          params: {
            licenceNumber: app.licence_number,
            office: `the licensing office of province ${app.province_code}`,
          },
        },
      });
      if (!moved) throw new Error(`Application ${app.reference} left APPROVED while locked`);
      return { issued: true, serial, trackingNumber };
    });
  }

  private async newCard(
    tx: EntityManager,
    app: ApprovedApplication,
    holder: { full_name: string; date_of_birth: string },
    classes: CardClass[],
    today: string,
  ): Promise<string> {
    const [{ serial }] = await tx.query<{ serial: string }[]>(
      `SELECT 'VN-' || to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' || lpad(nextval('licence_card_serial_seq')::text, 8, '0') AS serial`,
    );
    const old = await updateReturning<{ serial: string }>(
      tx,
      `UPDATE licence_cards SET status = 'REPLACED' WHERE licence_number = $1 AND status = 'ACTIVE' RETURNING serial`,
      [app.licence_number],
    );
    await tx.query(
      `INSERT INTO licence_cards (serial, licence_number, application_id, holder_national_id, holder_name, holder_date_of_birth,
         card_kind, issued_on, issuing_province_code, classes, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'PET', $7, $8, $9::jsonb, 'ACTIVE')`,
      [
        serial,
        app.licence_number,
        app.id,
        app.national_id,
        holder.full_name,
        holder.date_of_birth,
        today,
        app.province_code,
        JSON.stringify(classes),
      ],
    );
    if (old.length)
      await tx.query(`UPDATE licence_cards SET replaced_by = $1 WHERE serial = ANY($2::text[])`, [
        serial,
        old.map((o) => o.serial),
      ]);
    return serial;
  }

  /** The register now shows a PET card and the new validity of each class. */
  private async updateRegister(
    tx: EntityManager,
    licenceNumber: string,
    classes: CardClass[],
  ): Promise<void> {
    await tx.query(`UPDATE licences SET card_kind = 'PET', updated_at = now() WHERE number = $1`, [
      licenceNumber,
    ]);
    await tx.query(`DELETE FROM licence_classes WHERE licence_number = $1`, [licenceNumber]);
    await tx.query(
      `INSERT INTO licence_classes (licence_number, class, issued_on, expires_on, automatic_only)
       SELECT $1, c.class, c.issued_on, c.expires_on, c.automatic_only
       FROM jsonb_to_recordset($2::jsonb) AS c(class text, issued_on date, expires_on date, automatic_only boolean)`,
      [
        licenceNumber,
        JSON.stringify(
          classes.map((c) => ({
            class: c.class,
            issued_on: c.issuedOn,
            expires_on: c.expiresOn,
            // The register keeps the automatic-only limit; the card prints every restriction.
            automatic_only: c.restriction?.includes(AUTOMATIC_ONLY) ?? false,
          })),
        ),
      ],
    );
  }

  private async handOver(
    tx: EntityManager,
    app: ApprovedApplication,
    serial: string,
  ): Promise<string | null> {
    if (app.delivery.method !== 'POST') return null;
    const { trackingNumber } = await this.shipments.createShipment(tx, {
      applicationId: app.id,
      recipient: {
        name: app.delivery.recipientName,
        phone: app.delivery.phone,
        street: app.delivery.street,
        commune: app.delivery.commune,
        provinceCode: app.delivery.provinceCode,
      },
      contents: serial,
      cashOnDelivery: 0, // the postal fee is paid online with the licence fee
      originOffice: app.province_code,
    });
    return trackingNumber;
  }
}
