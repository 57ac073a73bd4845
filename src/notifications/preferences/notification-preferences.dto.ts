import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, Length } from 'class-validator';

export const NOTICE_LANGUAGES = ['vi', 'en'] as const;

/** PATCH /api/v1/me/notification-preferences: only the fields given change. */
export class UpdateNotificationPreferencesDto {
  @ApiPropertyOptional({ description: 'Notices by SMS to the phone on the account.' })
  @IsOptional()
  @IsBoolean({ message: 'sms must be true or false' })
  sms?: boolean;

  @ApiPropertyOptional({ description: 'Notices by e-mail; needs an e-mail address on the account.' })
  @IsOptional()
  @IsBoolean({ message: 'email must be true or false' })
  email?: boolean;

  @ApiPropertyOptional({
    type: String,
    example: 'an.nguyen@example.vn',
    nullable: true,
    description: 'The address e-mail notices go to; null removes it (then e-mail must be off).',
  })
  @IsOptional()
  @IsEmail({}, { message: 'emailAddress must be an e-mail address' })
  @Length(3, 254, { message: 'emailAddress must be at most 254 characters' })
  emailAddress?: string | null;

  @ApiPropertyOptional({
    enum: NOTICE_LANGUAGES,
    description: 'The language of notices: vi (default) or en.',
  })
  @IsOptional()
  @IsIn(NOTICE_LANGUAGES, { message: 'language must be vi or en' })
  language?: 'vi' | 'en';
}

export class NotificationPreferencesDto {
  @ApiProperty()
  sms!: boolean;

  @ApiProperty()
  email!: boolean;

  @ApiProperty({ nullable: true, type: String, example: 'an.nguyen@example.vn' })
  emailAddress!: string | null;

  @ApiProperty({ enum: NOTICE_LANGUAGES })
  language!: 'vi' | 'en';
}
