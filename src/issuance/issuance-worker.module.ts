import { Module } from '@nestjs/common';
import { EligibilityLoader } from '../eligibility/eligibility-loader';
import { PostalCoreModule } from '../postal/postal-core.module';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { IssuanceReconcileSource } from './issuance-reconcile.source';
import { IssuanceProcessor } from './issuance.processor';
import { IssueLicenceService } from './issue-licence.service';

@Module({
  imports: [ReconcilerModule, PostalCoreModule],
  providers: [EligibilityLoader, IssuanceProcessor, IssuanceReconcileSource, IssueLicenceService],
})
export class IssuanceWorkerModule {}
