import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { VnpaySimulatorService } from '../../payments/vnpay/simulator/vnpay-simulator.service';
import { stringParams } from '../../payments/vnpay/vnpay-ipn.service';
import { vndOf } from '../../payments/vnpay/vnpay-messages';
import { SIM_PAY_PATH } from '../../payments/vnpay/vnpay-settings';
import { pickFields } from '../http/form-errors';
import { PageRenderer } from '../http/page-renderer';
import { WebController } from '../http/web-controller';
import type { WebRequest } from '../session/web-auth.guard';

/**
 * The simulated VNPAY payment page (local runs and tests, PAYMENT_GATEWAY=vnpay): it receives the signed
 * payment URL as VNPAY's vpcpay.html does, refuses one VNPAY would refuse, and offers Pay and Cancel.
 */
@WebController()
export class VnpaySimulatorPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly simulator: VnpaySimulatorService,
  ) {}

  @Get(SIM_PAY_PATH.slice(1))
  page(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const params = stringParams(request.query);
    const problem = this.simulator.check(params);
    return this.pages.render(
      request,
      reply,
      'payments/vnpay-simulator',
      {
        titleKey: 'vnpaySim.title',
        problem,
        amount: vndOf(params.vnp_Amount),
        orderInfo: params.vnp_OrderInfo,
        txnRef: params.vnp_TxnRef,
        query: request.url.split('?')[1] ?? '',
        action: SIM_PAY_PATH,
      },
      problem ? 400 : 200,
    );
  }

  @Post(SIM_PAY_PATH.slice(1))
  async decide(@Res() reply: FastifyReply, @Body() body: unknown) {
    const { query, outcome } = pickFields(body, ['query', 'outcome']);
    if (outcome !== 'PAY' && outcome !== 'CANCEL') {
      throw new DomainError('BAD_REQUEST', 'Choose Pay or Cancel.');
    }
    const params = Object.fromEntries(new URLSearchParams(query ?? ''));
    const next = await this.simulator.complete(params, outcome === 'PAY');
    return this.pages.redirect(reply, next);
  }
}
