import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsIn } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { PaymentCallbackDto, PaymentCallbackResponse } from './dto/payment-callback.dto';
import { PaymentCallbackService } from './payment-callback.service';
import { PaymentCheckoutService } from './payment-checkout.service';
import { PaymentSimulatorService } from './payment-simulator.service';
import { RefundCallbackDto, RefundCallbackResponse } from './refunds/refund-callback.dto';
import { RefundCallbackService } from './refunds/refund-callback.service';

class SimulatePaymentDto {
  @ApiProperty({ enum: ['PAID', 'FAILED'] })
  @IsIn(['PAID', 'FAILED'], { message: 'status must be PAID or FAILED' })
  status!: 'PAID' | 'FAILED';
}

@ApiTags('payments')
@Controller('api/v1/payments')
export class PaymentsController {
  constructor(
    private readonly callbacks: PaymentCallbackService,
    private readonly simulator: PaymentSimulatorService,
    private readonly checkout: PaymentCheckoutService,
    private readonly refundCallbacks: RefundCallbackService,
  ) {}

  /** The payment's redirectUrl: sends the browser on to the gateway's page (302), signed for this citizen. */
  @Get(':paymentId/checkout')
  @ApiOperation({ summary: "Redirect to the payment gateway's page for a payment that can still be paid" })
  async checkoutRedirect(
    @Param('paymentId', new ParseUUIDPipe()) paymentId: string,
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
  @ApiOperation({ summary: 'Payment provider confirms a refund, signed with HMAC-SHA256 over the raw body' })
  @ApiHeader({ name: 'X-Signature', required: true, description: 'hex(HMAC-SHA256(secret, rawBody))' })
  @ApiBody({ type: RefundCallbackDto })
  @ApiOkResponse({ type: RefundCallbackResponse })
  refundCallback(
    @Req() req: FastifyRequest & { rawBody?: Buffer },
    @Headers('x-signature') signature: string | undefined,
  ) {
    return this.refundCallbacks.handle(req.rawBody, signature, req.ip);
  }

  /** Local runs only: pays (or fails) a payment through the real callback path. */
  @Post('simulator/:paymentId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Payment simulator (development and tests only)' })
  @ApiOkResponse({ type: PaymentCallbackResponse })
  simulate(
    @Param('paymentId', new ParseUUIDPipe()) paymentId: string,
    @Body() body: SimulatePaymentDto,
    @Req() req: FastifyRequest,
  ) {
    return this.simulator.settle(paymentId, body.status, req.ip);
  }
}
