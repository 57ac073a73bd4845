import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClientIp, CurrentUser } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/auth-user';
import { notFound } from '../../common/errors/domain-error';
import { Environment } from '../../config/environment';
import { PaymentSimulatorService } from '../../payments/payment-simulator.service';
import { pickFields } from '../http/form-errors';
import { PaymentCheckoutService } from '../../payments/payment-checkout.service';
import { languageOf, PageRenderer } from '../http/page-renderer';
import { WebController } from '../http/web-controller';
import { CitizenPage, WebRequest } from '../session/web-auth.guard';
import { CitizenPagesRepository } from './citizen-pages.repository';
import { UuidParam } from '../../common/input/uuid-param';

/**
 * /pay/{paymentId}: where the application's payment redirectUrl leads. In local runs (the simulator
 * on) it stands in for the provider's page with Pay and Fail buttons, which settle the payment through
 * the real signed-callback path; without the simulator there is no such page here. With
 * PAYMENT_GATEWAY=vnpay it sends the citizen on to VNPAY's page (or the VNPAY simulator's).
 */
@WebController('pay')
@CitizenPage()
export class PaymentPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly citizenPages: CitizenPagesRepository,
    private readonly simulator: PaymentSimulatorService,
    private readonly env: Environment,
    private readonly checkout: PaymentCheckoutService,
  ) {}

  @Get(':paymentId')
  async page(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @UuidParam('paymentId') paymentId: string,
    @ClientIp() ip: string,
  ) {
    if (this.env.PAYMENT_GATEWAY === 'vnpay') {
      // VNPAY's own page (or its simulator), signed for this citizen now.
      if (!(await this.citizenPages.ownPayment(user.id, paymentId))) throw notFound('Payment');
      const url = await this.checkout.checkoutUrl(paymentId, ip, languageOf(request));
      return reply.status(302).header('location', url).send();
    }
    const payment = await this.ownPendingPayment(user, paymentId);
    return this.pages.render(request, reply, 'citizen/pay', { titleKey: 'pay.title', payment });
  }

  @Post(':paymentId')
  async settle(
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
    @UuidParam('paymentId') paymentId: string,
    @Body() body: unknown,
    @ClientIp() ip: string,
  ) {
    const payment = await this.ownPendingPayment(user, paymentId);
    const { outcome } = pickFields(body, ['outcome']);
    await this.simulator.settle(payment.id, outcome === 'PAID' ? 'PAID' : 'FAILED', user.id, ip);
    return this.pages.redirect(reply, `/applications/${payment.applicationId}`);
  }

  private async ownPendingPayment(user: AuthUser, paymentId: string) {
    if (!this.env.PAYMENT_SIMULATOR_ENABLED) throw notFound('Payment page');
    const payment = await this.citizenPages.ownPayment(user.id, paymentId);
    if (!payment) throw notFound('Payment');
    return payment;
  }
}
