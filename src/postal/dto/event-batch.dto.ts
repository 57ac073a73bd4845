import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { PostalEventDto } from '../events/event-input';
import { SHIPMENT_STATUSES, ShipmentStatus } from '../shipment-lifecycle';

export const MAX_EVENTS_PER_BATCH = 500;

/** The envelope only: each event is checked on its own and answered on its own. */
export class EventBatchDto {
  @ApiProperty({ type: PostalEventDto, isArray: true, minItems: 1, maxItems: MAX_EVENTS_PER_BATCH })
  @IsArray({ message: 'events must be an array of events' })
  @ArrayMinSize(1, { message: 'events must hold at least one event' })
  @ArrayMaxSize(MAX_EVENTS_PER_BATCH, {
    message: `events may hold at most ${MAX_EVENTS_PER_BATCH} events: send the rest in another batch`,
  })
  events!: unknown[];
}

export const EVENT_RESULTS = ['APPLIED', 'DUPLICATE', 'REJECTED'] as const;
export type EventResult = (typeof EVENT_RESULTS)[number];

export class EventResultDto {
  @ApiProperty({ description: 'Position of the event in the batch, from 0.' })
  index!: number;

  @ApiProperty({ type: String, nullable: true })
  eventId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  trackingNumber!: string | null;

  @ApiProperty({ enum: EVENT_RESULTS })
  result!: EventResult;

  @ApiPropertyOptional({ description: 'Why the event was refused (REJECTED) or how it was taken.' })
  reason?: string;

  @ApiPropertyOptional({ enum: SHIPMENT_STATUSES, description: 'The shipment status after the event.' })
  status?: ShipmentStatus;

  @ApiPropertyOptional({
    description:
      'true: the event happened before the one that set the current status; it joined the history only.',
  })
  late?: boolean;
}

export class EventBatchResultDto {
  @ApiProperty({ type: EventResultDto, isArray: true })
  results!: EventResultDto[];

  @ApiProperty({ example: { APPLIED: 3, DUPLICATE: 1, REJECTED: 0 } })
  counts!: Record<EventResult, number>;
}
