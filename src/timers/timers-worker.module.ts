import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { Reconciler } from '../reconciler/reconciler.service';
import { PaymentExpiryService } from './payment-expiry.service';
import { TimersProcessor } from './timers.processor';

/** Payment deadlines that passed while their delayed job was lost (Redis restarted) are expired here. */
@Injectable()
class PaymentExpiryReconcileSource implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reconciler: Reconciler,
    private readonly expiry: PaymentExpiryService,
  ) {}

  onModuleInit(): void {
    this.reconciler.register({
      name: 'payment-expiry',
      run: async () => {
        const rows = await this.db.query<{ id: string }[]>(
          `SELECT id FROM applications WHERE status = 'AWAITING_PAYMENT' AND payment_due_by <= now() LIMIT 5000`,
        );
        let expired = 0;
        for (const row of rows) if (await this.expiry.expire(row.id)) expired++;
        return expired;
      },
    });
  }
}

@Module({
  imports: [ReconcilerModule],
  providers: [PaymentExpiryService, PaymentExpiryReconcileSource, TimersProcessor],
  exports: [TimersProcessor],
})
export class TimersWorkerModule {}
