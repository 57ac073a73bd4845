import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsUUID, Min } from 'class-validator';

export class RefundCallbackDto {
  @ApiProperty({ format: 'uuid', description: 'The refund id we sent the provider' })
  @IsUUID('all', { message: 'refundId must be the refund id we sent' })
  refundId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'paymentId must be the payment id we issued' })
  paymentId!: string;

  @ApiProperty({ example: 170000, description: 'Whole VND' })
  @IsInt({ message: 'amount must be a whole number of VND' })
  @Min(1)
  amount!: number;

  @ApiProperty({ enum: ['REFUNDED', 'FAILED'] })
  @IsIn(['REFUNDED', 'FAILED'], { message: 'status must be REFUNDED or FAILED' })
  status!: 'REFUNDED' | 'FAILED';

  @ApiProperty({ example: '2026-12-07T10:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'refundedAt must be an ISO 8601 time' })
  refundedAt!: string;
}

export type RefundCallbackResult = 'REFUNDED' | 'REFUND_FAILED' | 'DUPLICATE';

export class RefundCallbackResponse {
  @ApiProperty({ format: 'uuid' })
  refundId!: string;

  @ApiProperty({ enum: ['REFUNDED', 'REFUND_FAILED', 'DUPLICATE'] })
  result!: RefundCallbackResult;
}
