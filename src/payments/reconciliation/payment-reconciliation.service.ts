import { raiseStaffAlert } from '../../review/staff-alerts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../audit/audit-log';
import { SYSTEM_ACTOR } from '../../audit/audit-entry';
import { Clock } from '../../common/clock';
import { startOfVietnamDay, vietnamDateOf } from '../../common/working-days';
import { addDays } from '../../config/policy/calendar-date';
import { PaymentGateway } from '../gateway/payment-gateway';
import { OurPayment, paymentDifference } from './payment-difference';

export interface ReconciliationReport {
  day: string;
  gateway: string;
  checked: number;
  /** Differences raised now (one already raised with the same words is not raised again). */
  raised: number;
  differences: { paymentId: string; difference: string }[];
}

interface DayPayment extends OurPayment {
  id: string;
  applicationId: string;
  provinceCode: string;
  reference: string;
  createdAt: Date;
}

/**
 * Compares a day's payments with the gateway's records (querydr for each) and raises every difference
 * to the province's supervisors (a PAYMENT_MISMATCH staff alert) and the audit log. The gateway is
 * asked about every payment before anything is written: when it cannot be asked, the run fails, is
 * retried, and raises nothing it could not establish.
 */
@Injectable()
export class PaymentReconciliationService {
  private readonly logger = new Logger(PaymentReconciliationService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly gateway: PaymentGateway,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  yesterday(): string {
    return addDays(vietnamDateOf(this.clock.now()), -1);
  }

  async reconcile(day: string = this.yesterday()): Promise<ReconciliationReport> {
    const payments = await this.db.query<DayPayment[]>(
      `SELECT p.id, p.status, p.amount, p.provider_transaction_id AS "providerTransactionId",
              p.created_at AS "createdAt", a.id AS "applicationId", a.province_code AS "provinceCode", a.reference
         FROM payments p JOIN applications a ON a.id = p.application_id
        WHERE p.created_at >= $1 AND p.created_at < $2
        ORDER BY p.created_at, p.id`,
      [startOfVietnamDay(day), startOfVietnamDay(addDays(day, 1))],
    );
    const report: ReconciliationReport = {
      day,
      gateway: this.gateway.name,
      checked: 0,
      raised: 0,
      differences: [],
    };
    const found: { payment: DayPayment; difference: string }[] = [];
    for (const payment of payments) {
      const theirs = await this.gateway.queryTransaction(payment);
      if (theirs === null) {
        this.logger.log(
          { gateway: this.gateway.name },
          'This payment protocol has no query: nothing to reconcile',
        );
        return report;
      }
      report.checked++;
      const difference = paymentDifference(payment, theirs);
      if (difference) found.push({ payment, difference });
    }
    report.differences = found.map((f) => ({ paymentId: f.payment.id, difference: f.difference }));
    report.raised = await this.raise(day, found);
    return report;
  }

  private raise(day: string, found: { payment: DayPayment; difference: string }[]): Promise<number> {
    return this.db.transaction(async (tx) => {
      let raised = 0;
      for (const { payment, difference } of found) {
        const message = `Payment ${payment.id} of ${day} (${payment.reference}): ${difference}.`;
        // One open alert per application; a new difference replaces its words and opens it again.
        const fresh = await raiseStaffAlert(tx, {
          provinceCode: payment.provinceCode,
          applicationId: payment.applicationId,
          kind: 'PAYMENT_MISMATCH',
          message,
        });
        if (!fresh) continue; // raised before in the same words: a rerun of the same day
        raised++;
        await this.audit.record(tx, {
          actor: SYSTEM_ACTOR,
          action: 'PAYMENT_MISMATCH',
          subjectType: 'application',
          subjectId: payment.applicationId,
          applicationId: payment.applicationId,
          reason: difference,
          data: {
            paymentId: payment.id,
            day,
            gateway: this.gateway.name,
            ourStatus: payment.status,
            amount: payment.amount,
          },
        });
      }
      return raised;
    });
  }
}
