import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString, Length } from 'class-validator';
import { PartnerShipmentDto } from './partner-shipment.dto';

export const MAX_PICKUPS_PER_BATCH = 200;

/** The cards a courier has in hand: each tracking number is checked and answered on its own. */
export class PickupBatchDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', minLength: 13, maxLength: 13 },
    minItems: 1,
    maxItems: MAX_PICKUPS_PER_BATCH,
    uniqueItems: true,
    example: ['EB123456785VN'],
  })
  @IsArray({ message: 'trackingNumbers must be an array of tracking numbers' })
  @ArrayMinSize(1, { message: 'trackingNumbers must hold at least one tracking number' })
  @ArrayMaxSize(MAX_PICKUPS_PER_BATCH, {
    message: `trackingNumbers may hold at most ${MAX_PICKUPS_PER_BATCH} tracking numbers: send the rest in another batch`,
  })
  @ArrayUnique({ message: 'trackingNumbers must not name a shipment twice' })
  @IsString({ each: true, message: 'each tracking number must be a string, e.g. EB123456785VN' })
  @Length(13, 13, { each: true, message: 'each tracking number has 13 characters, e.g. EB123456785VN' })
  trackingNumbers!: string[];
}

export const PICKUP_RESULTS = ['PICKED_UP', 'ALREADY_PICKED_UP', 'REFUSED'] as const;
export type PickupResult = (typeof PICKUP_RESULTS)[number];

export class PickupResultDto {
  @ApiProperty({ example: 'EB123456785VN' })
  trackingNumber!: string;

  @ApiProperty({
    enum: PICKUP_RESULTS,
    description:
      'PICKED_UP: confirmed now; ALREADY_PICKED_UP: confirmed before (a retry, nothing changes); REFUSED: see reason, do not take the card.',
  })
  result!: PickupResult;

  @ApiPropertyOptional({ description: 'Why the pickup was refused.' })
  reason?: string;

  @ApiPropertyOptional({ type: PartnerShipmentDto, description: 'The shipment, unless refused.' })
  shipment?: PartnerShipmentDto;
}

export class PickupBatchResultDto {
  @ApiProperty({ type: PickupResultDto, isArray: true, description: 'In the order of the request.' })
  results!: PickupResultDto[];

  @ApiProperty({ example: { PICKED_UP: 3, ALREADY_PICKED_UP: 0, REFUSED: 1 } })
  counts!: Record<PickupResult, number>;
}
