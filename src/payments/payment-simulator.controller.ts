import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Citizen, ClientIp, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { UuidParam } from '../common/input/uuid-param';
import { ApiUuidParam } from '../openapi/api-params';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { PaymentCallbackResponse } from './dto/payment-callback.dto';
import { PaymentSimulatorService } from './payment-simulator.service';

class SimulatePaymentDto {
  @ApiProperty({ enum: ['PAID', 'FAILED'] })
  @IsIn(['PAID', 'FAILED'], { message: 'status must be PAID or FAILED' })
  status!: 'PAID' | 'FAILED';
}

/**
 * Local runs and tests only (mounted only with PAYMENT_SIMULATOR_ENABLED): the signed-in citizen pays
 * or fails a payment of their own application through the real callback path.
 */
@ApiTags('payments')
@Controller('api/v1/payments/simulator')
export class PaymentSimulatorController {
  constructor(private readonly simulator: PaymentSimulatorService) {}

  @Post(':paymentId')
  @HttpCode(200)
  @Citizen()
  @ApiOperation({ summary: 'Payment simulator: settle your own payment (development and tests only)' })
  @ApiUuidParam('paymentId')
  @ApiOkResponse({ type: PaymentCallbackResponse })
  @ApiProblems(400, { status: 404, description: 'No such payment on an application of yours.' })
  simulate(
    @UuidParam('paymentId') paymentId: string,
    @Body() body: SimulatePaymentDto,
    @CurrentUser() citizen: AuthUser,
    @ClientIp() ip: string,
  ): Promise<PaymentCallbackResponse> {
    return this.simulator.settle(paymentId, body.status, citizen.id, ip);
  }
}
