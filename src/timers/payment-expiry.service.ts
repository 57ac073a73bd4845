import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { unpaidPastDeadline } from '../applications/due-applications.query';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
import { PaymentsRepository } from '../payments/payments.repository';
import { ApplicationActions } from '../workflow/application-actions';
import { EXPIRE_PAYMENT } from './timer-jobs';
import { TimersProcessor } from './timers.processor';

/** Ends unpaid applications once their payment deadline has passed; early or repeated calls do nothing. */
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
      fire: (ids) => this.expire(ids),
      due: () => unpaidPastDeadline(this.db),
    });
  }

  /** Ends every one of these applications that is unpaid past its deadline; answers the ids ended. */
  async expire(applicationIds: string[]): Promise<Set<string>> {
    return this.db.transaction(async (tx) => {
      const moved = await this.actions.takeMany(
        tx,
        applicationIds.map((applicationId) => ({
          applicationId,
          action: 'EXPIRE',
          actor: SYSTEM_ACTOR,
          guard: { paymentDeadlinePassed: true },
          reason: 'the fee was not paid by the deadline',
          notice: { template: 'EXPIRED' },
        })),
      );
      const ended = moved.flatMap((app) => (app ? [app.id] : []));
      await this.payments.cancelPending(tx, ended);
      return new Set(ended);
    });
  }
}
