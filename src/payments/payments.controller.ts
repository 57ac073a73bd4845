import { Controller, Get, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UuidParam } from '../common/input/uuid-param';
import { ApiUuidParam } from '../openapi/api-params';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { PaymentCallbackDto, PaymentCallbackResponse } from './dto/payment-callback.dto';
import { RefundCallbackDto, RefundCallbackResponse } from './dto/refund-callback.dto';
import { PaymentCallbackService } from './payment-callback.service';
import { PaymentCheckoutService } from './payment-checkout.service';
import { RefundCallbackService } from './refund-callback.service';

@ApiTags('payments')
@Controller('api/v1/payments')
export class PaymentsController {
  constructor(
    private readonly callbacks: PaymentCallbackService,
    private readonly refunds: RefundCallbackService,
    private readonly checkout: PaymentCheckoutService,
  ) {}

  /** The payment's redirectUrl: sends the browser on to the gateway's page (302), signed for this citizen. */
  @Get(':paymentId/checkout')
  @ApiOperation({ summary: "Redirect to the payment gateway's page for a payment that can still be paid" })
  @ApiUuidParam('paymentId')
  @ApiResponse({ status: 302, description: "To the gateway's payment page (Location header)" })
  @ApiProblems(
    { status: 404, description: 'No such payment.' },
    { status: 409, description: 'The payment can no longer be paid.' },
  )
  async checkoutRedirect(
    @UuidParam('paymentId') paymentId: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const language = /^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'vi';
    const url = await this.checkout.checkoutUrl(paymentId, req.ip, language);
    return reply.status(302).header('location', url).header('cache-control', 'no-store').send();
  }

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
