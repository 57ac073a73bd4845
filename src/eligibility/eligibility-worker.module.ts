import { Module } from '@nestjs/common';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { CheckResultsService } from './check-results.service';
import { EligibilityLoader } from './eligibility-loader';
import { EligibilityReconcileSource } from './eligibility-reconcile.source';
import { EligibilityProcessor } from './eligibility.processor';

@Module({
  imports: [ReconcilerModule],
  providers: [CheckResultsService, EligibilityLoader, EligibilityProcessor, EligibilityReconcileSource],
  exports: [CheckResultsService],
})
export class EligibilityWorkerModule {}
