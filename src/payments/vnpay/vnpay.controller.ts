import { Controller, Get, HttpCode, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { notFound } from '../../common/errors/domain-error';
import { VnpayIpnService } from './vnpay-ipn.service';
import { VnpaySettings } from './vnpay-settings';

@ApiTags('payments')
@Controller('api/v1/payments/vnpay')
export class VnpayController {
  constructor(
    private readonly ipn: VnpayIpnService,
    private readonly settings: VnpaySettings,
  ) {}

  /** Register this URL as the IPN URL with VNPAY. Always HTTP 200; the result is in RspCode. */
  @Get('ipn')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'VNPAY IPN (vnp_* query signed with HMAC-SHA512); answers { RspCode, Message } as VNPAY 2.1.0 requires',
  })
  @ApiOkResponse({ schema: { example: { RspCode: '00', Message: 'Confirm Success' } } })
  ipnCall(@Req() req: FastifyRequest) {
    if (!this.settings.enabled) throw notFound('The VNPAY IPN (PAYMENT_GATEWAY is not vnpay)');
    return this.ipn.handle(req.query, req.ip);
  }
}
