import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { transitionApplication } from '../applications/application-transitions';
import { AuditLog } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
import { Notifier } from '../notifications/notifier';

/** Ends an unpaid application once its payment deadline has passed; early or repeated calls do nothing. */
@Injectable()
export class PaymentExpiryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
  ) {}

  async expire(applicationId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const app = await transitionApplication(tx, {
        id: applicationId,
        action: 'EXPIRE',
        extraWhere: 'a.payment_due_by <= now()',
      });
      if (!app) return false;
      await tx.query(
        `UPDATE payments SET status = 'CANCELLED' WHERE application_id = $1 AND status = 'PENDING'`,
        [app.id],
      );
      await this.audit.record(tx, {
        actor: SYSTEM_ACTOR,
        action: 'EXPIRE',
        subjectType: 'application',
        subjectId: app.id,
        applicationId: app.id,
        fromState: app.from_status,
        toState: app.status,
        reason: 'the fee was not paid by the deadline',
      });
      await this.notifier.notify(tx, {
        citizenId: app.citizen_id,
        applicationId: app.id,
        template: 'EXPIRED',
        params: { reference: app.reference },
        dedupeKey: `${app.id}:EXPIRED`,
      });
      return true;
    });
  }
}
