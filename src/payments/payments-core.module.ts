import { Module } from '@nestjs/common';
import { PaymentsRepository } from './payments.repository';

/** The payments table, for the modules that open, settle or withdraw payment requests (api and worker). */
@Module({ providers: [PaymentsRepository], exports: [PaymentsRepository] })
export class PaymentsCoreModule {}
