import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { unpaidPastDeadline } from '../applications/due-applications.query';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
import { PaymentsRepository } from '../payments/payments.repository';
import { ApplicationActions } from '../workflow/application-actions';
import { EXPIRE_PAYMENT } from './timer-jobs';
import { TimersProcessor } from './timers.processor';

/** Ends an unpaid application once its payment deadline has passed; early or repeated calls do nothing. */
@Injectable()
export class PaymentExpiryService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly actions: ApplicationActions,
    private readonly payments: PaymentsRepository,
    private readonly timers: TimersProcessor,
  ) {}

  onModuleInit(): void {
    this.timers.register({
      job: EXPIRE_PAYMENT,
      fire: (id) => this.expire(id),
      due: () => unpaidPastDeadline(this.db),
    });
  }

  async expire(applicationId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const app = await this.actions.take(tx, {
        applicationId,
        action: 'EXPIRE',
        actor: SYSTEM_ACTOR,
        guard: { paymentDeadlinePassed: true },
        reason: 'the fee was not paid by the deadline',
        notice: { template: 'EXPIRED' },
      });
      if (!app) return false;
      await this.payments.cancelPending(tx, app.id);
      return true;
    });
  }
}
