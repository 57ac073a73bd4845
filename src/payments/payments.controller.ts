import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { IsIn } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { ApiUuidParam } from '../openapi/api-params';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { PaymentCallbackDto, PaymentCallbackResponse } from './dto/payment-callback.dto';
import { PaymentCallbackService } from './payment-callback.service';
import { PaymentSimulatorService } from './payment-simulator.service';

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

  /** Local runs only: pays (or fails) a payment through the real callback path. */
  @Post('simulator/:paymentId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Payment simulator (development and tests only)' })
  @ApiUuidParam('paymentId')
  @ApiOkResponse({ type: PaymentCallbackResponse })
  @ApiProblems(400, { status: 404, description: 'No such payment, or the simulator is off on this server.' })
  simulate(
    @Param('paymentId', new ParseUUIDPipe()) paymentId: string,
    @Body() body: SimulatePaymentDto,
    @Req() req: FastifyRequest,
  ) {
    return this.simulator.settle(paymentId, body.status, req.ip);
  }
}
