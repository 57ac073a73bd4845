import { ApiProperty } from '@nestjs/swagger';
import type { Shipment } from '../shipment';
import { effectiveStatus, SHIPMENT_STATUSES, ShipmentStatus } from '../shipment-lifecycle';

export class RecipientDto {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  name!: string;

  @ApiProperty({ example: '0912345678' })
  phone!: string;

  @ApiProperty({ example: '12 Phố Huế' })
  street!: string;

  @ApiProperty({ example: 'Phường Hai Bà Trưng' })
  commune!: string;

  @ApiProperty({ example: '01' })
  provinceCode!: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A shipment as the postal partner sees it: what to carry where, and nothing about the licence. */
export class PartnerShipmentDto {
  @ApiProperty({ example: 'EB123456785VN' })
  trackingNumber!: string;

  @ApiProperty({ type: RecipientDto })
  recipient!: RecipientDto;

  @ApiProperty({ example: 'PET-0001234', description: 'The card serial, nothing else.' })
  contents!: string;

  @ApiProperty({ example: 0, description: 'Whole VND to collect at the door; 0 when prepaid.' })
  cashOnDelivery!: number;

  @ApiProperty({ example: '01', description: 'Province code of the issuing office.' })
  originOffice!: string;

  @ApiProperty({ enum: SHIPMENT_STATUSES, description: 'READY also for a lease that ran out.' })
  status!: ShipmentStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  leaseExpiresAt!: string | null;

  @ApiProperty({ example: 0 })
  failedAttempts!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  pickedUpAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  returnedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;

  static from(s: Shipment, now: Date): PartnerShipmentDto {
    const status = effectiveStatus(s.status, s.leaseExpiresAt, now);
    return {
      trackingNumber: s.trackingNumber,
      recipient: { ...s.recipient },
      contents: s.contents,
      cashOnDelivery: s.cashOnDelivery,
      originOffice: s.originOffice,
      status,
      leaseExpiresAt: status === 'LEASED' ? iso(s.leaseExpiresAt) : null,
      failedAttempts: s.failedAttempts,
      pickedUpAt: iso(s.pickedUpAt),
      deliveredAt: iso(s.deliveredAt),
      returnedAt: iso(s.returnedAt),
      updatedAt: s.updatedAt.toISOString(),
    };
  }
}

export class PartnerShipmentListDto {
  @ApiProperty({ type: PartnerShipmentDto, isArray: true })
  items!: PartnerShipmentDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Pass as ?cursor= for the next page. Every non-empty page has one: keep the last to resume later ' +
      '(changes made since come after it). null on an empty page: you are caught up.',
  })
  nextCursor!: string | null;
}

export class ClaimedShipmentsDto {
  @ApiProperty({ type: PartnerShipmentDto, isArray: true })
  items!: PartnerShipmentDto[];
}
