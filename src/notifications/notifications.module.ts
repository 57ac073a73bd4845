import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CaseNoticesQuery } from './case-notices.query';
import { NotificationPreferencesController } from './preferences/notification-preferences.controller';
import { NotificationPreferencesService } from './preferences/notification-preferences.service';

/** Notices as people meet them: the citizen's channel choice, and the case's notices for staff. */
@Module({
  imports: [AuthModule],
  controllers: [NotificationPreferencesController],
  providers: [NotificationPreferencesService, CaseNoticesQuery],
  exports: [NotificationPreferencesService, CaseNoticesQuery],
})
export class NotificationsModule {}
