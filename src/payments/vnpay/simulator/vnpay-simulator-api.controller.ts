import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SIM_API_PATH } from '../vnpay-settings';
import { VnpaySimulatorService } from './vnpay-simulator.service';

/** The simulated VNPAY merchant API (querydr, refund): local runs and tests only. */
@ApiExcludeController()
@Controller()
export class VnpaySimulatorApiController {
  constructor(private readonly simulator: VnpaySimulatorService) {}

  @Post(SIM_API_PATH.slice(1))
  @HttpCode(200)
  transaction(@Body() body: unknown) {
    return this.simulator.api(body);
  }
}
