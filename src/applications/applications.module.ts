import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EligibilityLoader } from '../eligibility/eligibility-loader';
import { PaymentsModule } from '../payments/payments.module';
import { UploadsModule } from '../uploads/uploads.module';
import { ApplicationTimeline } from './application-timeline';
import { ApplicationsController } from './applications.controller';
import { ApplicationsRepository } from './applications.repository';
import { CitizenActionsService } from './citizen-actions.service';
import { CitizenApplicationsQuery } from './citizen-applications.query';
import { IntakeScreening } from './intake-screening';
import { SubmitApplicationService } from './submit-application.service';

@Module({
  imports: [AuthModule, PaymentsModule, UploadsModule],
  controllers: [ApplicationsController],
  providers: [
    ApplicationsRepository,
    ApplicationTimeline,
    CitizenActionsService,
    CitizenApplicationsQuery,
    EligibilityLoader,
    IntakeScreening,
    SubmitApplicationService,
  ],
  exports: [
    ApplicationsRepository,
    ApplicationTimeline,
    CitizenActionsService,
    CitizenApplicationsQuery,
    EligibilityLoader,
    IntakeScreening,
    SubmitApplicationService,
  ],
})
export class ApplicationsModule {}
