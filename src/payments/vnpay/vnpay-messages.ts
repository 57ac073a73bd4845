import { hashesMatch, vnpDate, vnpPipeHash, vnpSecureHash, vnpSignData, VnpParams } from './vnpay-signing';

/** The VNPAY 2.1.0 messages we send and receive, built and checked without I/O. */

export const VNP_VERSION = '2.1.0';

export interface VnpayMerchant {
  tmnCode: string;
  hashSecret: string;
}

/**
 * vnp_TxnRef is our payment id without its hyphens (VNPAY allows 1-100 letters and digits): unique per
 * payment, so a new attempt after a failure (a new payment) never reuses one.
 */
export function txnRefOf(paymentId: string): string {
  return paymentId.replace(/-/g, '').toLowerCase();
}

export function paymentIdOf(txnRef: unknown): string | null {
  if (typeof txnRef !== 'string' || !/^[0-9a-f]{32}$/i.test(txnRef)) return null;
  const h = txnRef.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Our provider transaction id for a VNPAY notice: its vnp_TransactionNo with the TxnRef, since VNPAY
 * reports 0 as the number of transactions that never reached a bank.
 */
export function providerTransactionIdOf(txnRef: string, transactionNo: string): string {
  return `VNPAY-${transactionNo}-${txnRef}`;
}

export function transactionNoOf(providerTransactionId: string | null): string | null {
  const m = /^VNPAY-(\d+)-[0-9a-f]{32}$/.exec(providerTransactionId ?? '');
  return m && m[1] !== '0' ? m[1] : null;
}

/** VND to vnp_Amount: VNPAY wants the amount times 100, without separators. */
export function vnpAmount(vnd: number): string {
  return String(vnd * 100);
}

/** vnp_Amount back to VND; null unless it is digits naming whole VND. */
export function vndOf(vnpAmountValue: unknown): number | null {
  if (typeof vnpAmountValue !== 'string' || !/^\d{1,15}$/.test(vnpAmountValue)) return null;
  const raw = Number(vnpAmountValue);
  return raw % 100 === 0 ? raw / 100 : null;
}

export interface PayRequest {
  paymentId: string;
  amount: number;
  reference: string;
  locale: 'vn' | 'en';
  returnUrl: string;
  ipAddr: string;
  createdAt: Date;
  expiresAt: Date;
}

/** The signed parameters of vnp_Command=pay; the payment URL is payUrl + '?' + payQueryString(). */
export function payParams(merchant: VnpayMerchant, req: PayRequest): VnpParams {
  const params: VnpParams = {
    vnp_Version: VNP_VERSION,
    vnp_Command: 'pay',
    vnp_TmnCode: merchant.tmnCode,
    vnp_Amount: vnpAmount(req.amount),
    vnp_CurrCode: 'VND',
    vnp_TxnRef: txnRefOf(req.paymentId),
    // Vietnamese without diacritics or special characters, as VNPAY requires.
    vnp_OrderInfo: `Thanh toan le phi doi GPLX ${req.reference}`,
    vnp_OrderType: 'other',
    vnp_Locale: req.locale,
    vnp_ReturnUrl: req.returnUrl,
    vnp_IpAddr: req.ipAddr,
    vnp_CreateDate: vnpDate(req.createdAt),
    vnp_ExpireDate: vnpDate(req.expiresAt),
  };
  return { ...params, vnp_SecureHash: vnpSecureHash(merchant.hashSecret, params) };
}

export function payUrl(base: string, signed: VnpParams): string {
  const { vnp_SecureHash, ...rest } = signed;
  return `${base}?${vnpSignData(rest)}&vnp_SecureHash=${vnp_SecureHash}`;
}

/** The IPN answers VNPAY expects (HTTP 200 with this JSON, whatever happened). */
export const IPN_ANSWERS = {
  confirmed: { RspCode: '00', Message: 'Confirm Success' },
  orderNotFound: { RspCode: '01', Message: 'Order not found' },
  alreadyConfirmed: { RspCode: '02', Message: 'Order already confirmed' },
  invalidAmount: { RspCode: '04', Message: 'Invalid amount' },
  invalidSignature: { RspCode: '97', Message: 'Invalid signature' },
  unknownError: { RspCode: '99', Message: 'Unknown error' },
} as const;
export type IpnAnswer = (typeof IPN_ANSWERS)[keyof typeof IPN_ANSWERS];

/** A payment succeeded only when both codes say so (vnp_ResponseCode and vnp_TransactionStatus 00). */
export function isSuccessfulPayment(params: VnpParams): boolean {
  return params.vnp_ResponseCode === '00' && params.vnp_TransactionStatus === '00';
}

export interface ApiRequestCommon {
  requestId: string;
  paymentId: string;
  /** vnp_CreateDate of the payment URL: VNPAY's vnp_TransactionDate. */
  transactionDate: Date;
  createdAt: Date;
  ipAddr: string;
}

/** vnp_Command=querydr, signed over its fields in the order of the 2.1.0 guide. */
export function queryDrRequest(merchant: VnpayMerchant, q: ApiRequestCommon): Record<string, string> {
  const body = {
    vnp_RequestId: q.requestId,
    vnp_Version: VNP_VERSION,
    vnp_Command: 'querydr',
    vnp_TmnCode: merchant.tmnCode,
    vnp_TxnRef: txnRefOf(q.paymentId),
    vnp_OrderInfo: `Truy van giao dich ${txnRefOf(q.paymentId)}`,
    vnp_TransactionDate: vnpDate(q.transactionDate),
    vnp_CreateDate: vnpDate(q.createdAt),
    vnp_IpAddr: q.ipAddr,
  };
  return { ...body, vnp_SecureHash: vnpPipeHash(merchant.hashSecret, queryDrRequestFields(body)) };
}

export const queryDrRequestFields = (b: Record<string, string | undefined>) => [
  b.vnp_RequestId,
  b.vnp_Version,
  b.vnp_Command,
  b.vnp_TmnCode,
  b.vnp_TxnRef,
  b.vnp_TransactionDate,
  b.vnp_CreateDate,
  b.vnp_IpAddr,
  b.vnp_OrderInfo,
];

export const queryDrResponseFields = (r: Record<string, unknown>) =>
  [
    r.vnp_ResponseId,
    r.vnp_Command,
    r.vnp_ResponseCode,
    r.vnp_Message,
    r.vnp_TmnCode,
    r.vnp_TxnRef,
    r.vnp_Amount,
    r.vnp_BankCode,
    r.vnp_PayDate,
    r.vnp_TransactionNo,
    r.vnp_TransactionType,
    r.vnp_TransactionStatus,
    r.vnp_OrderInfo,
    r.vnp_PromotionCode,
    r.vnp_PromotionAmount,
  ].map(asField);

export interface RefundRequest extends ApiRequestCommon {
  amount: number;
  /** Full refund (02) or partial (03). */
  full: boolean;
  /** The VNPAY transaction number of the payment (vnp_TransactionNo of its IPN). */
  transactionNo: string;
  createdBy: string;
  reason: string;
}

/** vnp_Command=refund, signed over its fields in the order of the 2.1.0 guide. */
export function refundRequest(merchant: VnpayMerchant, r: RefundRequest): Record<string, string> {
  const body = {
    vnp_RequestId: r.requestId,
    vnp_Version: VNP_VERSION,
    vnp_Command: 'refund',
    vnp_TmnCode: merchant.tmnCode,
    vnp_TransactionType: r.full ? '02' : '03',
    vnp_TxnRef: txnRefOf(r.paymentId),
    vnp_Amount: vnpAmount(r.amount),
    vnp_OrderInfo: asciiText(r.reason),
    vnp_TransactionNo: r.transactionNo,
    vnp_TransactionDate: vnpDate(r.transactionDate),
    vnp_CreateBy: r.createdBy,
    vnp_CreateDate: vnpDate(r.createdAt),
    vnp_IpAddr: r.ipAddr,
  };
  return { ...body, vnp_SecureHash: vnpPipeHash(merchant.hashSecret, refundRequestFields(body)) };
}

export const refundRequestFields = (b: Record<string, string | undefined>) => [
  b.vnp_RequestId,
  b.vnp_Version,
  b.vnp_Command,
  b.vnp_TmnCode,
  b.vnp_TransactionType,
  b.vnp_TxnRef,
  b.vnp_Amount,
  b.vnp_TransactionNo,
  b.vnp_TransactionDate,
  b.vnp_CreateBy,
  b.vnp_CreateDate,
  b.vnp_IpAddr,
  b.vnp_OrderInfo,
];

export const refundResponseFields = (r: Record<string, unknown>) =>
  [
    r.vnp_ResponseId,
    r.vnp_Command,
    r.vnp_ResponseCode,
    r.vnp_Message,
    r.vnp_TmnCode,
    r.vnp_TxnRef,
    r.vnp_Amount,
    r.vnp_BankCode,
    r.vnp_PayDate,
    r.vnp_TransactionNo,
    r.vnp_TransactionType,
    r.vnp_TransactionStatus,
    r.vnp_OrderInfo,
  ].map(asField);

/** A response of the JSON API is trusted only when its own hash matches. */
export function isValidApiResponse(
  secret: string,
  fieldsOf: (r: Record<string, unknown>) => string[],
  response: Record<string, unknown>,
): boolean {
  return hashesMatch(vnpPipeHash(secret, fieldsOf(response)), response.vnp_SecureHash);
}

function asField(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Letters without diacritics, digits, spaces and a few marks: what VNPAY accepts in free text. */
export function asciiText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 .,_-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
}
