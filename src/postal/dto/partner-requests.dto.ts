import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsDateOrDateTime } from '../../common/input/format-validators';
import { SHIPMENT_STATUSES, ShipmentStatus } from '../shipment-lifecycle';

export const MAX_CLAIM = 200;

export class ClaimShipmentsDto {
  @ApiProperty({ example: 50, minimum: 1, maximum: MAX_CLAIM })
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(MAX_CLAIM, { message: `limit may be at most ${MAX_CLAIM}` })
  limit!: number;
}

export class ShipmentFeedQueryDto {
  @ApiPropertyOptional({ enum: SHIPMENT_STATUSES })
  @IsOptional()
  @IsIn(SHIPMENT_STATUSES, { message: `status must be one of ${SHIPMENT_STATUSES.join(', ')}` })
  status?: ShipmentStatus;

  @ApiPropertyOptional({
    example: '2026-03-01T00:00:00Z',
    description: 'Only shipments changed at or after this time.',
  })
  @IsOptional()
  @IsDateOrDateTime({
    message: 'updatedSince must be an ISO 8601 date-time with its zone (or a date, YYYY-MM-DD)',
  })
  updatedSince?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ example: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit may be at most 500' })
  limit?: number;
}
