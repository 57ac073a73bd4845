import { updateReturning } from '../database/update-returning';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
import { Clock } from '../common/clock';
import { EligibilityLoader } from '../eligibility/eligibility-loader';
import { NewShipment, ShipmentsService } from '../postal/shipments.service';
import { raiseStaffAlert } from '../review/staff-alerts';
import { ApplicationActions } from '../workflow/application-actions';
import { NewCard, nextCardSerials, storeCards, updateRegister } from './card-register';
import { newCardClasses } from './new-card-classes';

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

  /** Issues one application's card (see issueMany). */
  async issue(applicationId: string): Promise<IssueOutcome> {
    return (await this.issueMany([applicationId])).get(applicationId)!;
  }

  /**
   * Issues the cards of many applications in one transaction with set-based statements (one read per
   * table, one write per table), whatever their number; each application still moves through the
   * write path with its own audit entry and notice. Any error rolls the whole batch back: the caller
   * then issues them one by one (batchOrOneByOne), so one bad application fails alone.
   */
  issueMany(applicationIds: string[]): Promise<Map<string, IssueOutcome>> {
    return this.db.transaction(async (tx) => {
      const outcomes = new Map<string, IssueOutcome>();
      const apps = await tx.query<ApprovedApplication[]>(
        `SELECT id, reference, citizen_id, national_id, licence_number, province_code, status, delivery, new_details
         FROM applications WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        [applicationIds],
      );
      const byId = new Map(apps.map((a) => [a.id, a]));
      for (const id of applicationIds) {
        const app = byId.get(id.toLowerCase());
        if (!app) outcomes.set(id, { issued: false, reason: 'no such application' });
        else if (app.status !== 'APPROVED')
          outcomes.set(id, { issued: false, reason: `application is ${app.status}` });
      }
      const approved = apps.filter((a) => a.status === 'APPROVED');
      if (approved.length === 0) return outcomes;

      const today = this.clock.today();
      const cards = await this.plan(tx, approved, today);
      await storeCards(tx, cards, today);
      await updateRegister(tx, cards);
      // Handed over first, so the ISSUE entry can name the tracking number; all in this transaction.
      const tracking = await this.shipments.createShipments(
        tx,
        approved.flatMap((app, i) =>
          app.delivery.method === 'POST' ? [shipmentOf(app, cards[i].serial)] : [],
        ),
      );
      const moved = await this.actions.takeMany(
        tx,
        approved.map((app, i) => ({
          applicationId: app.id,
          action: 'ISSUE',
          actor: SYSTEM_ACTOR,
          changes: { issuedAt: 'now' },
          data: {
            serial: cards[i].serial,
            licenceNumber: app.licence_number,
            classes: cards[i].classes,
            trackingNumber: tracking.get(app.id) ?? null,
            delivery: app.delivery.method,
          },
          notice: {
            template: app.delivery.method === 'POST' ? 'ISSUED' : 'READY_FOR_COLLECTION',
            params: {
              licenceNumber: app.licence_number,
              office: `the licensing office of province ${app.province_code}`,
            },
          },
        })),
      );
      for (const [i, app] of approved.entries()) {
        if (!moved[i]) throw new Error(`Application ${app.reference} left APPROVED while locked`);
        const outcome: IssueOutcome = {
          issued: true,
          serial: cards[i].serial,
          trackingNumber: tracking.get(app.id) ?? null,
        };
        for (const id of applicationIds) if (id.toLowerCase() === app.id) outcomes.set(id, outcome);
      }
      return outcomes;
    });
  }

  /** Each card: a new serial, the classes with their new expiry, the details from the citizen-ID record. */
  private async plan(tx: EntityManager, apps: ApprovedApplication[], today: string): Promise<NewCard[]> {
    const holders = await tx.query<
      { national_id: string; full_name: string; date_of_birth: string; sex: 'M' | 'F' }[]
    >(
      `SELECT national_id, full_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, sex
       FROM drivers WHERE national_id = ANY($1::char(12)[])`,
      [apps.map((a) => a.national_id)],
    );
    const holderOf = new Map(holders.map((h) => [h.national_id, h]));
    const licences = await this.records.licencesByNumber(
      apps.map((a) => a.licence_number),
      tx,
    );
    const serials = await nextCardSerials(tx, apps.length);
    return apps.map((app, i) => {
      const holder = holderOf.get(app.national_id);
      const licence = licences.get(app.licence_number);
      if (!holder || !licence) throw new Error(`Records for ${app.reference} disappeared after approval`);
      return {
        serial: serials[i],
        applicationId: app.id,
        licenceNumber: app.licence_number,
        holderNationalId: app.national_id,
        holderName: holder.full_name,
        holderDateOfBirth: holder.date_of_birth,
        provinceCode: app.province_code,
        classes: newCardClasses(licence.classes, today, {
          dateOfBirth: holder.date_of_birth,
          sex: holder.sex,
        }),
      };
    });
  }
}

/** What the post is handed for an application sent by post. */
function shipmentOf(app: ApprovedApplication, serial: string): NewShipment {
  return {
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
  };
}
