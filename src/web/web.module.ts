import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuthModule } from '../auth/auth.module';
import { OidcModule } from '../auth/oidc/oidc.module';
import { CitizenRegistrationService } from '../auth/citizens/citizen-registration.service';
import { DriverMatchRepository } from '../auth/citizens/driver-match.repository';
import { Environment } from '../config/environment';
import { NotificationsModule } from '../notifications/notifications.module';
import { PaymentsModule } from '../payments/payments.module';
import { RecordsModule } from '../records/records.module';
import { ReviewModule } from '../review/review.module';
import { StatsModule } from '../stats/stats.module';
import { UploadsModule } from '../uploads/uploads.module';
import { AccountController } from './citizen/account.controller';
import { AccountNoticesController } from './citizen/account-notices.controller';
import { ApplicationsPageController } from './citizen/applications.controller';
import { ApplyCheckController } from './citizen/apply-check.controller';
import { ApplyJourney } from './citizen/apply-journey';
import { ApplyPhotoController } from './citizen/apply-photo.controller';
import { ApplySteps } from './citizen/apply-steps';
import { ApplyController } from './citizen/apply.controller';
import { CitizenPagesRepository } from './citizen/citizen-pages.repository';
import { DraftsRepository } from './citizen/drafts.repository';
import { OidcSignInController } from './citizen/oidc-sign-in.controller';
import { OidcSignOut } from './citizen/oidc-sign-out';
import { PaymentPageController } from './citizen/payment-page.controller';
import { StartController } from './citizen/start.controller';
import { Supplements } from './citizen/supplements';
import { WebRegistration } from './citizen/web-registration';
import { QueueBoardGate } from './admin/queue-board-gate';
import { PageRenderer } from './http/page-renderer';
import { VnpayReturnController } from './payments/vnpay-return.controller';
import { VnpaySimulatorPageController } from './payments/vnpay-simulator-page.controller';
import { WebExceptionFilter } from './http/web-exception.filter';
import { Translator } from './i18n/translator';
import { CsrfGuard, CsrfVerifier } from './session/csrf';
import { WebAuthGuard } from './session/web-auth.guard';
import { WebSessionService } from './session/web-session.service';
import { WebSessionsRepository } from './session/web-sessions.repository';
import { WebSignIn } from './session/web-sign-in';
import { CaseController } from './staff/case.controller';
import { QueueController } from './staff/queue.controller';
import { StaffPagesRepository } from './staff/staff-pages.repository';
import { StaffSignInController } from './staff/staff-sign-in.controller';
import { StatsController } from './stats/stats.controller';

/**
 * The service as citizens and staff meet it: server-rendered pages over the same services the API
 * calls. The application and review services the pages call are provided here again (their modules
 * export only their repositories); they hold no state, so a second instance behaves as the first.
 */
@Module({
  imports: [
    AuthModule,
    OidcModule,
    ApplicationsModule,
    PaymentsModule,
    UploadsModule,
    ReviewModule,
    RecordsModule,
    StatsModule,
    NotificationsModule,
  ],
  controllers: [
    StartController,
    AccountController,
    OidcSignInController,
    AccountNoticesController,
    ApplyController,
    ApplyPhotoController,
    ApplyCheckController,
    PaymentPageController,
    VnpayReturnController,
    VnpaySimulatorPageController,
    ApplicationsPageController,
    StaffSignInController,
    QueueController,
    CaseController,
    StatsController,
  ],
  providers: [
    {
      provide: Translator,
      inject: [Environment],
      useFactory: (env: Environment) => new Translator(env.NODE_ENV !== 'production'),
    },
    PageRenderer,
    WebExceptionFilter,
    WebAuthGuard,
    CsrfGuard,
    CsrfVerifier,
    WebSessionsRepository,
    WebSessionService,
    WebSignIn,
    WebRegistration,
    OidcSignOut,
    DraftsRepository,
    CitizenPagesRepository,
    ApplyJourney,
    ApplySteps,
    Supplements,
    StaffPagesRepository,
    QueueBoardGate,
    // Services of other modules that those modules do not export.
    CitizenRegistrationService,
    DriverMatchRepository,
  ],
})
export class WebModule {}
