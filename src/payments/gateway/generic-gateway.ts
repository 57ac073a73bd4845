import { PaymentGateway, CheckoutRequest, GatewayTransaction, RefundOutcome } from './payment-gateway';
import { PublicAddress } from './public-address';

/**
 * The generic HMAC-callback protocol of API.md: the citizen pays on the provider's page (locally, the
 * simulator's /pay page) and the provider posts a signed callback. It defines no query and no refund
 * request: the provider confirms refunds with POST /api/v1/payments/refund-callback.
 */
export class GenericGateway extends PaymentGateway {
  readonly name = 'generic' as const;

  constructor(private readonly address: PublicAddress) {
    super();
  }

  checkoutUrl(request: CheckoutRequest): string {
    return `${this.address.base()}/pay/${request.payment.id}`;
  }

  queryTransaction(): Promise<GatewayTransaction | null> {
    return Promise.resolve(null);
  }

  requestRefund(): Promise<RefundOutcome> {
    return Promise.reject(
      new Error(
        'The generic payment protocol has no refund request: the provider reports refunds with POST /api/v1/payments/refund-callback.',
      ),
    );
  }
}
