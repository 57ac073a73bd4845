import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../openapi/api-problems.decorator';
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
  @ApiSecurity('payment-signature')
  @ApiBody({ type: PaymentCallbackDto })
  @ApiOkResponse({ type: PaymentCallbackResponse })
  @ApiProblems(
    400,
    { status: 401, description: 'The signature is missing or wrong: nothing changed.' },
    { status: 404, description: 'No such payment.' },
    { status: 422, description: 'The amount does not match the payment: nothing changed.' },
  )
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
  @ApiSecurity('payment-signature')
  @ApiBody({ type: RefundCallbackDto })
  @ApiOkResponse({ type: RefundCallbackResponse })
  @ApiProblems(
    400,
    { status: 401, description: 'The signature is missing or wrong: nothing changed.' },
    { status: 404, description: 'No such refund of that payment.' },
    { status: 422, description: 'The amount does not match the refund: nothing changed.' },
  )
  refundCallback(
    @Req() req: FastifyRequest & { rawBody?: Buffer },
    @Headers('x-signature') signature: string | undefined,
  ) {
    return this.refunds.handle(req.rawBody, signature, req.ip);
  }
}
