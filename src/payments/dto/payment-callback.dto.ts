import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Min } from 'class-validator';
import { IsDateTime, IsStrictUuid } from '../../common/input/format-validators';

export class PaymentCallbackDto {
  @ApiProperty({ format: 'uuid' })
  @IsStrictUuid({ message: 'paymentId must be the payment id we issued' })
  paymentId!: string;

  @ApiProperty({ example: 'TXN-2026-0001' })
  @IsString()
  @Matches(/^[\x21-\x7e]{1,100}$/, {
    message: 'providerTransactionId must be 1 to 100 visible ASCII characters',
  })
  providerTransactionId!: string;

  @ApiProperty({ example: 150000, description: 'Whole VND' })
  @IsInt({ message: 'amount must be a whole number of VND' })
  @Min(1)
  amount!: number;

  @ApiProperty({ enum: ['PAID', 'FAILED'] })
  @IsIn(['PAID', 'FAILED'], { message: 'status must be PAID or FAILED' })
  status!: 'PAID' | 'FAILED';

  @ApiProperty({ example: '2026-11-27T10:00:00Z' })
  @IsDateTime({ message: 'paidAt must be an ISO 8601 date-time with its zone' })
  paidAt!: string;
}

export type CallbackResult = 'APPLIED' | 'PAYMENT_FAILED' | 'DUPLICATE' | 'REFUND_DUE';

export class PaymentCallbackResponse {
  @ApiProperty()
  paymentId!: string;

  @ApiProperty({ enum: ['APPLIED', 'PAYMENT_FAILED', 'DUPLICATE', 'REFUND_DUE'] })
  result!: CallbackResult;
}
