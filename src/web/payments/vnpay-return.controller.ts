import { Get, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/errors/domain-error';
import { PaymentsRepository } from '../../payments/payments.repository';
import { stringParams } from '../../payments/vnpay/vnpay-ipn.service';
import { isSuccessfulPayment, paymentIdOf } from '../../payments/vnpay/vnpay-messages';
import { isValidVnpQuery } from '../../payments/vnpay/vnpay-signing';
import { RETURN_PATH, VnpaySettings } from '../../payments/vnpay/vnpay-settings';
import { PageRenderer } from '../http/page-renderer';
import { WebController } from '../http/web-controller';
import type { WebRequest } from '../session/web-auth.guard';

/**
 * Where VNPAY sends the citizen back (vnp_ReturnUrl). It checks the hash and says what VNPAY reported;
 * it changes nothing: only the IPN settles a payment, and the page shows whether it has.
 */
@WebController()
export class VnpayReturnController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pages: PageRenderer,
    private readonly settings: VnpaySettings,
    private readonly payments: PaymentsRepository,
  ) {}

  @Get(RETURN_PATH.slice(1))
  async returned(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    if (!this.settings.enabled) throw notFound('Page');
    const params = stringParams(request.query);
    const { tmnCode, hashSecret } = this.settings.merchant;
    const verified = isValidVnpQuery(hashSecret, params) && params.vnp_TmnCode === tmnCode;
    const paymentId = verified ? paymentIdOf(params.vnp_TxnRef) : null;
    const payment = paymentId ? await this.payments.findForGateway(this.db, paymentId) : null;
    const outcome = !verified || !payment ? 'INVALID' : isSuccessfulPayment(params) ? 'PAID' : 'FAILED';
    return this.pages.render(
      request,
      reply,
      'payments/vnpay-return',
      {
        titleKey: 'vnpayReturn.title',
        outcome,
        responseCode: params.vnp_ResponseCode ?? '',
        payment: payment && {
          reference: payment.reference,
          applicationId: payment.applicationId,
          amount: payment.amount,
          status: payment.status,
        },
      },
      outcome === 'INVALID' ? 400 : 200,
    );
  }
}
