import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { PaymentCallbackDto, PaymentCallbackResponse } from './dto/payment-callback.dto';
import { RefundCallbackDto, RefundCallbackResponse } from './dto/refund-callback.dto';
import { PaymentCallbackService } from './payment-callback.service';
import { RefundCallbackService } from './refund-callback.service';

@ApiTags('payments')
@Controller('api/v1/payments')
export class PaymentsController {
  constructor(
    private readonly callbacks: PaymentCallbackService,
    private readonly refunds: RefundCallbackService,
  ) {}

  @Post('callback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Payment provider callback, signed with HMAC-SHA256 over the raw body' })
  @ApiHeader({ name: 'X-Signature', required: true, description: 'hex(HMAC-SHA256(secret, rawBody))' })
  @ApiBody({ type: PaymentCallbackDto })
  @ApiOkResponse({ type: PaymentCallbackResponse })
  callback(
    @Req() req: FastifyRequest & { rawBody?: Buffer },
    @Headers('x-signature') signature: string | undefined,
  ) {
    return this.callbacks.handle(req.rawBody, signature, req.ip);
  }

  @Post('refund-callback')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refund confirmation from the payment provider, signed like the payment callback',
  })
  @ApiHeader({ name: 'X-Signature', required: true, description: 'hex(HMAC-SHA256(secret, rawBody))' })
  @ApiBody({ type: RefundCallbackDto })
  @ApiOkResponse({ type: RefundCallbackResponse })
  refundCallback(
    @Req() req: FastifyRequest & { rawBody?: Buffer },
    @Headers('x-signature') signature: string | undefined,
  ) {
    return this.refunds.handle(req.rawBody, signature, req.ip);
  }
}
