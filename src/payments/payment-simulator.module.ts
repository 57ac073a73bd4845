import { DynamicModule, Module } from '@nestjs/common';
import { loadEnvironment } from '../config/environment';
import { PaymentSimulatorController } from './payment-simulator.controller';
import { PaymentsModule } from './payments.module';

/**
 * The simulator's API route, mounted only when PAYMENT_SIMULATOR_ENABLED (off by default in
 * production): where it is off the route does not exist at all. Decided when the app is assembled.
 */
@Module({})
export class PaymentSimulatorModule {
  static register(): DynamicModule {
    const enabled = loadEnvironment().PAYMENT_SIMULATOR_ENABLED;
    return {
      module: PaymentSimulatorModule,
      imports: [PaymentsModule],
      controllers: enabled ? [PaymentSimulatorController] : [],
    };
  }
}
