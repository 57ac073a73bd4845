import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsJSON,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { toBoolean, toInt, emptyAsUnset } from './setting-transforms';

/** Notices: e-mail over SMTP and SMS through an HTTP gateway (record: nothing leaves the system). */
export class NoticeSettings {
  /** How often an idle worker looks for notices due to be sent (a full batch is followed at once). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  NOTICE_POLL_MS = 250;

  @IsIn(['record', 'smtp'])
  NOTIFY_EMAIL_TRANSPORT: 'record' | 'smtp' = 'record';

  /** smtp(s)://user:pass@host:port; or the SMTP_HOST… settings below. */
  @Transform(emptyAsUnset)
  @ValidateIf((e: NoticeSettings) => e.NOTIFY_EMAIL_TRANSPORT === 'smtp' && !e.SMTP_HOST)
  @Matches(/^smtps?:\/\/.+/, {
    message: 'SMTP_URL (or SMTP_HOST) must be an smtp:// or smtps:// URL when NOTIFY_EMAIL_TRANSPORT=smtp',
  })
  SMTP_URL?: string;

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  SMTP_HOST?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT = 587;

  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  @Transform(toBoolean)
  @IsBoolean()
  SMTP_SECURE = false;

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  /** Connections in the SMTP pool of each worker process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  SMTP_POOL_SIZE = 3;

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Cấp đổi GPLX <no-reply@localhost>';

  @IsIn(['record', 'http'])
  NOTIFY_SMS_TRANSPORT: 'record' | 'http' = 'record';

  @Transform(emptyAsUnset)
  @ValidateIf((e: NoticeSettings) => e.NOTIFY_SMS_TRANSPORT === 'http' || e.SMS_GATEWAY_URL !== undefined)
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'SMS_GATEWAY_URL must be an http(s) URL when NOTIFY_SMS_TRANSPORT=http' },
  )
  SMS_GATEWAY_URL?: string;

  /** Sent in SMS_GATEWAY_API_KEY_HEADER; or Basic auth with SMS_GATEWAY_USER / SMS_GATEWAY_PASSWORD. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  SMS_GATEWAY_API_KEY?: string;

  @Matches(/^[A-Za-z0-9-]+$/, { message: 'SMS_GATEWAY_API_KEY_HEADER must be an HTTP header name' })
  SMS_GATEWAY_API_KEY_HEADER = 'X-Api-Key';

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  SMS_GATEWAY_USER?: string;

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  SMS_GATEWAY_PASSWORD?: string;

  /** The registered brand name the SMS comes from (at most 11 characters). */
  @ValidateIf((e: NoticeSettings) => e.NOTIFY_SMS_TRANSPORT === 'http')
  @Matches(/^[A-Za-z0-9 ._-]{1,11}$/, {
    message: 'SMS_BRANDNAME must be 1-11 letters, digits, spaces or . _ -',
  })
  SMS_BRANDNAME = '';

  /** The JSON body sent to the gateway; {from} {to} {text} {id} are filled in (see README). */
  @IsJSON({ message: 'SMS_GATEWAY_BODY must be JSON' })
  @Matches(/^\s*\{[\s\S]*\}\s*$/, { message: 'SMS_GATEWAY_BODY must be a JSON object' })
  SMS_GATEWAY_BODY = '{"from":"{from}","to":"{to}","text":"{text}","requestId":"{id}"}';

  /** Send SMS without Vietnamese diacritics (GSM 7-bit: 160 characters a segment instead of 70). */
  @Transform(toBoolean)
  @IsBoolean()
  SMS_UNACCENTED = true;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  SMS_GATEWAY_TIMEOUT_MS = 10000;

  /** Gateway requests each worker process has in flight at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  SMS_GATEWAY_CONCURRENCY = 4;
}
