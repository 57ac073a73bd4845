import type { VnpayMerchant } from '../vnpay-messages';
import {
  queryDrRequestFields,
  queryDrResponseFields,
  refundRequestFields,
  refundResponseFields,
  vndOf,
  VNP_VERSION,
} from '../vnpay-messages';
import {
  hashesMatch,
  isValidVnpQuery,
  parseVnpDate,
  vnpDate,
  vnpPipeHash,
  vnpSecureHash,
  VnpParams,
} from '../vnpay-signing';

/** VNPAY's side of the protocol, for the local simulator: what it checks and what it answers. */

/** Why VNPAY would refuse a payment URL, or null when it would show its payment page. */
export function payUrlProblem(merchant: VnpayMerchant, params: VnpParams, now: Date): string | null {
  if (!isValidVnpQuery(merchant.hashSecret, params)) return 'vnp_SecureHash does not match the parameters';
  if (params.vnp_Version !== VNP_VERSION) return `vnp_Version must be ${VNP_VERSION}`;
  if (params.vnp_Command !== 'pay') return 'vnp_Command must be pay';
  if (params.vnp_TmnCode !== merchant.tmnCode) return 'vnp_TmnCode is not this merchant';
  if (vndOf(params.vnp_Amount) === null || vndOf(params.vnp_Amount) === 0)
    return 'vnp_Amount is not an amount';
  if (params.vnp_CurrCode !== 'VND') return 'vnp_CurrCode must be VND';
  if (!/^[A-Za-z0-9]{1,100}$/.test(params.vnp_TxnRef ?? '')) return 'vnp_TxnRef is missing or malformed';
  if (!/^https?:\/\/./.test(params.vnp_ReturnUrl ?? '')) return 'vnp_ReturnUrl is not a URL';
  if (!parseVnpDate(params.vnp_CreateDate)) return 'vnp_CreateDate is not yyyyMMddHHmmss';
  const expires = parseVnpDate(params.vnp_ExpireDate);
  if (!expires) return 'vnp_ExpireDate is not yyyyMMddHHmmss';
  if (expires <= now) return 'the payment has expired (vnp_ExpireDate)';
  return null;
}

export interface SimulatedOutcome {
  paid: boolean;
  transactionNo: string;
  payDate: Date;
}

/** The signed result VNPAY sends to the IPN and appends to the return URL. */
export function resultParams(merchant: VnpayMerchant, pay: VnpParams, outcome: SimulatedOutcome): VnpParams {
  const params: VnpParams = {
    vnp_Amount: pay.vnp_Amount,
    vnp_BankCode: 'NCB',
    vnp_CardType: 'ATM',
    vnp_OrderInfo: pay.vnp_OrderInfo,
    vnp_PayDate: vnpDate(outcome.payDate),
    // 24: the customer cancelled; the transaction never reached a bank, so its number is 0.
    vnp_ResponseCode: outcome.paid ? '00' : '24',
    vnp_TmnCode: merchant.tmnCode,
    vnp_TransactionNo: outcome.paid ? outcome.transactionNo : '0',
    vnp_TransactionStatus: outcome.paid ? '00' : '02',
    vnp_TxnRef: pay.vnp_TxnRef,
  };
  if (outcome.paid) params.vnp_BankTranNo = `VNP${outcome.transactionNo}`;
  return { ...params, vnp_SecureHash: vnpSecureHash(merchant.hashSecret, params) };
}

/** The simulator's ledger row: what VNPAY knows of a transaction. */
export interface SimulatedTransaction {
  txn_ref: string;
  transaction_no: string;
  amount: string;
  response_code: string;
  transaction_status: string;
  order_info: string;
  pay_date: string;
  refunded_amount: string;
}

export function isSignedApiRequest(
  merchant: VnpayMerchant,
  body: Record<string, string | undefined>,
): boolean {
  const fields = body.vnp_Command === 'refund' ? refundRequestFields(body) : queryDrRequestFields(body);
  return hashesMatch(vnpPipeHash(merchant.hashSecret, fields), body.vnp_SecureHash);
}

/** A querydr or refund answer, signed over the fields of its command. */
export function apiAnswer(
  merchant: VnpayMerchant,
  command: 'querydr' | 'refund',
  code: string,
  message: string,
  tx?: SimulatedTransaction,
  transactionType?: string,
  transactionStatus?: string,
): Record<string, string> {
  const answer: Record<string, string> = {
    vnp_ResponseId: `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    vnp_Command: command,
    vnp_ResponseCode: code,
    vnp_Message: message,
    vnp_TmnCode: merchant.tmnCode,
  };
  if (tx) {
    Object.assign(answer, {
      vnp_TxnRef: tx.txn_ref,
      vnp_Amount: String(tx.amount),
      vnp_BankCode: 'NCB',
      vnp_PayDate: tx.pay_date,
      vnp_TransactionNo: String(tx.transaction_no),
      vnp_TransactionType: transactionType ?? '01',
      vnp_TransactionStatus: transactionStatus ?? tx.transaction_status,
      vnp_OrderInfo: tx.order_info,
    });
  }
  const fieldsOf = command === 'refund' ? refundResponseFields : queryDrResponseFields;
  return { ...answer, vnp_SecureHash: vnpPipeHash(merchant.hashSecret, fieldsOf(answer)) };
}
