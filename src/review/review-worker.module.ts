import { Module } from '@nestjs/common';
import { EligibilityWorkerModule } from '../eligibility/eligibility-worker.module';
import { TimersWorkerModule } from '../timers/timers-worker.module';
import { ReviewDeadlines } from './deadlines';
import { StraightThroughApproval } from './straight-through';

/** The review work that happens without a person: straight-through approval and deadline alerts. */
@Module({
  imports: [EligibilityWorkerModule, TimersWorkerModule],
  providers: [ReviewDeadlines, StraightThroughApproval],
})
export class ReviewWorkerModule {}
