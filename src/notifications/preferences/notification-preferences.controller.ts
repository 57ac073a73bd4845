import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../openapi/api-problems.decorator';
import { Citizen, ClientIp, CurrentUser } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/auth-user';
import { NotificationPreferencesDto, UpdateNotificationPreferencesDto } from './notification-preferences.dto';
import { NotificationPreferencesService } from './notification-preferences.service';

@ApiTags('account')
@Controller('api/v1/me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  @Citizen()
  @ApiOperation({ summary: 'How the signed-in citizen is told about their applications' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  get(@CurrentUser() user: AuthUser): Promise<NotificationPreferencesDto> {
    return this.preferences.get(user);
  }

  @Patch()
  @Citizen()
  @ApiOperation({ summary: 'Choose SMS and/or e-mail notices, the e-mail address and the language' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiProblems({
    status: 400,
    description: 'Both channels off, e-mail on without an address, or a bad field.',
  })
  update(
    @CurrentUser() user: AuthUser,
    @Body() body: UpdateNotificationPreferencesDto,
    @ClientIp() ip: string,
  ): Promise<NotificationPreferencesDto> {
    return this.preferences.update(user, body, ip);
  }
}
