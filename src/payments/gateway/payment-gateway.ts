import type { PaymentGatewayName } from '../../config/environment';

/** What a gateway needs to know of one of our payments. */
export interface GatewayPayment {
  id: string;
  amount: number;
  createdAt: Date;
  /** The gateway's transaction id, once it settled the payment. */
  providerTransactionId: string | null;
}

export interface CheckoutRequest {
  payment: GatewayPayment;
  reference: string;
  /** The application's payment deadline: the gateway's page expires then. */
  dueBy: Date;
  /** The citizen's address, which VNPAY wants with the payment. */
  ip: string;
  language: 'vi' | 'en';
}

/** The gateway's own record of a payment, as its query API reports it. */
export interface GatewayTransaction {
  found: boolean;
  paid: boolean;
  /** Whole VND, when found. */
  amount: number | null;
  transactionNo: string | null;
  /** Our provider transaction id for the gateway's transaction, when it succeeded (to compare with ours). */
  providerTransactionId: string | null;
  /** The gateway's status code, for the people who read a mismatch. */
  gatewayStatus: string;
}

export interface RefundOutcome {
  /** ACCEPTED: the gateway took the request (it pays out later); REFUSED: it will not refund. */
  status: 'ACCEPTED' | 'REFUSED';
  gatewayCode: string;
  detail: string;
}

/** Thrown when the gateway could not be asked or its answer cannot be trusted: try again later. */
export class GatewayUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GatewayUnavailable';
  }
}

/**
 * A payment protocol: where the citizen is sent to pay, how the gateway's records are read back, and
 * how money is given back. Settlement notices come in through each protocol's own endpoint and end in
 * PaymentCallbackService.settle().
 */
export abstract class PaymentGateway {
  abstract readonly name: PaymentGatewayName;

  abstract checkoutUrl(request: CheckoutRequest): string;

  /** The gateway's record of the payment; null when the protocol has no way to ask. */
  abstract queryTransaction(payment: GatewayPayment): Promise<GatewayTransaction | null>;

  abstract requestRefund(payment: GatewayPayment, amount: number, reason: string): Promise<RefundOutcome>;
}
