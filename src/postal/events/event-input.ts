import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsDateTime } from '../../common/input/format-validators';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../../common/validation';
import { isValidTrackingNumber } from '../s10';
import { SHIPMENT_EVENT_TYPES, ShipmentEventType } from '../shipment-lifecycle';

/** One event as the partner reports it. */
export class PostalEventDto {
  @ApiProperty({
    example: 'VNP-2026-000123',
    description: 'Unique per partner: a resent event is a duplicate.',
  })
  @IsString()
  @Matches(/^[\x21-\x7e]{1,100}$/, { message: 'eventId must be 1 to 100 visible ASCII characters' })
  eventId!: string;

  @ApiProperty({ example: 'EB123456785VN' })
  @IsString()
  @Matches(/^[A-Z]{2}[0-9]{9}[A-Z]{2}$/, {
    message: 'trackingNumber must be an S10 number such as EB123456785VN',
  })
  trackingNumber!: string;

  @ApiProperty({ enum: SHIPMENT_EVENT_TYPES })
  @IsIn(SHIPMENT_EVENT_TYPES, { message: `type must be one of ${SHIPMENT_EVENT_TYPES.join(', ')}` })
  type!: ShipmentEventType;

  @ApiProperty({
    example: '2026-03-02T08:15:00Z',
    description: 'When it happened, ISO 8601 with a time zone.',
  })
  @IsDateTime({ message: 'occurredAt must be an ISO 8601 date-time with its time zone (Z or ±hh:mm)' })
  occurredAt!: string;

  @ApiPropertyOptional({
    example: 'nobody home',
    description: 'Free text; for a failed attempt, the reason.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  detail?: string;
}

export interface ParsedEvent {
  eventId: string;
  trackingNumber: string;
  type: ShipmentEventType;
  occurredAt: Date;
  detail: string | null;
}

export type EventInput =
  | { ok: true; event: ParsedEvent }
  | { ok: false; eventId: string | null; trackingNumber: string | null; reason: string };

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Checks one event on its own, so one bad line is refused without holding up the rest of the batch. */
export function parseEvent(raw: unknown): EventInput {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, eventId: null, trackingNumber: null, reason: 'An event must be a JSON object.' };
  }
  const record = raw as Record<string, unknown>;
  const eventId = str(record.eventId);
  const trackingNumber = str(record.trackingNumber);
  const dto = plainToInstance(PostalEventDto, record);
  const errors = flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
  if (errors.length) {
    return {
      ok: false,
      eventId,
      trackingNumber,
      reason: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    };
  }
  if (!isValidTrackingNumber(dto.trackingNumber)) {
    return {
      ok: false,
      eventId,
      trackingNumber,
      reason: `trackingNumber ${dto.trackingNumber} fails the S10 check digit: check the number you scanned.`,
    };
  }
  return {
    ok: true,
    event: {
      eventId: dto.eventId,
      trackingNumber: dto.trackingNumber,
      type: dto.type,
      occurredAt: new Date(dto.occurredAt),
      detail: dto.detail?.trim() || null,
    },
  };
}
