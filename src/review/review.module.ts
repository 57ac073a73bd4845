import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuthModule } from '../auth/auth.module';
import { EligibilityLoader } from '../eligibility/eligibility-loader';
import { NotificationsModule } from '../notifications/notifications.module';
import { UploadsModule } from '../uploads/uploads.module';
import { CasePhotoQuery } from './case-photo.query';
import { CaseWaiters } from './case-waiters';
import { CaseViewQuery } from './case-view.query';
import { ClaimsService } from './claims.service';
import { DecisionsService } from './decisions.service';
import { ProvincePolicyController } from './province-policy.controller';
import { ProvincePolicyService } from './province-policy.service';
import { StaffCasesController } from './staff-cases.controller';
import { StaffCasesRepository } from './staff-cases.repository';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';
import { WorkQueueQuery } from './work-queue.query';

/** Provincial staff at work: the queue, the case page, claims and decisions. */
@Module({
  imports: [AuthModule, ApplicationsModule, UploadsModule, NotificationsModule],
  controllers: [StaffCasesController, ProvincePolicyController, SupervisionController],
  providers: [
    CasePhotoQuery,
    CaseViewQuery,
    CaseWaiters,
    ClaimsService,
    DecisionsService,
    EligibilityLoader,
    ProvincePolicyService,
    StaffCasesRepository,
    SupervisionService,
    WorkQueueQuery,
  ],
  exports: [
    CasePhotoQuery,
    CaseViewQuery,
    ClaimsService,
    DecisionsService,
    StaffCasesRepository,
    SupervisionService,
    WorkQueueQuery,
  ],
})
export class ReviewModule {}
