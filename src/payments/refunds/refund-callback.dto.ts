import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsUUID, Min } from 'class-validator';

export class RefundCallbackDto {
  @ApiProperty({ format: 'uuid', description: 'The refund id we sent with the request' })
  @IsUUID('all', { message: 'refundId must be the refund id we issued' })
  refundId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'paymentId must be the payment id we issued' })
  paymentId!: string;

  @ApiProperty({ example: 135000, description: 'Whole VND' })
  @IsInt({ message: 'amount must be a whole number of VND' })
  @Min(1)
  amount!: number;

  @ApiProperty({ enum: ['REFUNDED', 'FAILED'] })
  @IsIn(['REFUNDED', 'FAILED'], { message: 'status must be REFUNDED or FAILED' })
  status!: 'REFUNDED' | 'FAILED';

  @ApiProperty({ example: '2026-11-28T10:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'refundedAt must be an ISO 8601 time' })
  refundedAt!: string;
}

export type RefundCallbackResult = 'APPLIED' | 'DUPLICATE';

export class RefundCallbackResponse {
  @ApiProperty()
  refundId!: string;

  @ApiProperty({ enum: ['REFUNDED', 'FAILED'] })
  status!: 'REFUNDED' | 'FAILED';

  @ApiProperty({ enum: ['APPLIED', 'DUPLICATE'] })
  result!: RefundCallbackResult;
}
