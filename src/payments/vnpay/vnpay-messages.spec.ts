import { createHmac } from 'node:crypto';
import {
  asciiText,
  isValidApiResponse,
  paymentIdOf,
  payParams,
  payUrl,
  queryDrRequest,
  queryDrResponseFields,
  refundRequest,
  txnRefOf,
  vndOf,
} from './vnpay-messages';
import { isValidVnpQuery, vnpPipeHash } from './vnpay-signing';

const merchant = { tmnCode: 'DEMOV210', hashSecret: 'a-hash-secret-of-32-characters!!' };
const paymentId = '0b9f7c1e-58a2-4c1d-9e0f-1234567890ab';

describe('VNPAY messages', () => {
  it('maps payment ids to TxnRefs and back', () => {
    expect(txnRefOf(paymentId)).toBe('0b9f7c1e58a24c1d9e0f1234567890ab');
    expect(paymentIdOf(txnRefOf(paymentId))).toBe(paymentId);
    expect(paymentIdOf('5')).toBeNull();
    expect(paymentIdOf(undefined)).toBeNull();
  });

  it('converts amounts (times 100) and refuses fractions of a dong', () => {
    expect(vndOf('15000000')).toBe(150000);
    expect(vndOf('15000050')).toBeNull();
    expect(vndOf('-100')).toBeNull();
    expect(vndOf('1e5')).toBeNull();
  });

  it('builds a payment URL whose query verifies and carries every 2.1.0 field', () => {
    const signed = payParams(merchant, {
      paymentId,
      amount: 135000,
      reference: '01-2026-0000001',
      locale: 'vn',
      returnUrl: 'https://dichvucong.example/payments/vnpay/return',
      ipAddr: '203.0.113.9',
      createdAt: new Date('2026-11-27T03:00:00Z'),
      expiresAt: new Date('2026-11-28T03:00:00Z'),
    });
    const url = new URL(payUrl('https://sandbox.vnpayment.vn/paymentv2/vpcpay.html', signed));
    const query = Object.fromEntries(url.searchParams);
    expect(query).toMatchObject({
      vnp_Version: '2.1.0',
      vnp_Command: 'pay',
      vnp_TmnCode: 'DEMOV210',
      vnp_Amount: '13500000',
      vnp_CurrCode: 'VND',
      vnp_TxnRef: '0b9f7c1e58a24c1d9e0f1234567890ab',
      vnp_OrderInfo: 'Thanh toan le phi doi GPLX 01-2026-0000001',
      vnp_OrderType: 'other',
      vnp_Locale: 'vn',
      vnp_IpAddr: '203.0.113.9',
      vnp_CreateDate: '20261127100000',
      vnp_ExpireDate: '20261128100000',
    });
    expect(isValidVnpQuery(merchant.hashSecret, query)).toBe(true);
    expect(isValidVnpQuery(merchant.hashSecret, { ...query, vnp_Amount: '100' })).toBe(false);
    // Parameters in name order, as the guide's sample URL.
    expect([...url.searchParams.keys()].slice(0, -1)).toEqual(
      [...url.searchParams.keys()].slice(0, -1).sort(),
    );
  });

  it('signs querydr over the 2.1.0 field order', () => {
    const body = queryDrRequest(merchant, {
      requestId: 'r1',
      paymentId,
      transactionDate: new Date('2026-11-27T03:00:00Z'),
      createdAt: new Date('2026-11-28T01:00:00Z'),
      ipAddr: '10.0.0.1',
    });
    const expected = createHmac('sha512', merchant.hashSecret)
      .update(
        `r1|2.1.0|querydr|DEMOV210|${txnRefOf(paymentId)}|20261127100000|20261128080000|10.0.0.1|${body.vnp_OrderInfo}`,
      )
      .digest('hex');
    expect(body.vnp_SecureHash).toBe(expected);
  });

  it('signs refund over the 2.1.0 field order, full (02) or partial (03)', () => {
    const common = {
      requestId: 'r2',
      paymentId,
      transactionDate: new Date('2026-11-27T03:00:00Z'),
      createdAt: new Date('2026-11-28T01:00:00Z'),
      ipAddr: '10.0.0.1',
      transactionNo: '14422574',
      createdBy: 'system',
      reason: 'Hoàn phí: hồ sơ bị từ chối',
    };
    const full = refundRequest(merchant, { ...common, amount: 135000, full: true });
    expect(full.vnp_TransactionType).toBe('02');
    expect(full.vnp_OrderInfo).toBe('Hoan phi ho so bi tu choi');
    expect(full.vnp_SecureHash).toBe(
      createHmac('sha512', merchant.hashSecret)
        .update(
          `r2|2.1.0|refund|DEMOV210|02|${txnRefOf(paymentId)}|13500000|14422574|20261127100000|system|20261128080000|10.0.0.1|Hoan phi ho so bi tu choi`,
        )
        .digest('hex'),
    );
    expect(refundRequest(merchant, { ...common, amount: 50000, full: false }).vnp_TransactionType).toBe('03');
  });

  it('trusts an API response only when its hash matches', () => {
    const response: Record<string, unknown> = {
      vnp_ResponseId: 'x1',
      vnp_Command: 'querydr',
      vnp_ResponseCode: '00',
      vnp_Message: 'QueryDR Success',
      vnp_TmnCode: 'DEMOV210',
      vnp_TxnRef: txnRefOf(paymentId),
      vnp_Amount: '13500000',
      vnp_BankCode: 'NCB',
      vnp_PayDate: '20261127101500',
      vnp_TransactionNo: '14422574',
      vnp_TransactionType: '01',
      vnp_TransactionStatus: '00',
      vnp_OrderInfo: 'Thanh toan',
    };
    response.vnp_SecureHash = vnpPipeHash(merchant.hashSecret, queryDrResponseFields(response));
    expect(isValidApiResponse(merchant.hashSecret, queryDrResponseFields, response)).toBe(true);
    expect(
      isValidApiResponse(merchant.hashSecret, queryDrResponseFields, {
        ...response,
        vnp_TransactionStatus: '02',
      }),
    ).toBe(false);
  });

  it('strips what VNPAY refuses in free text', () => {
    expect(asciiText('Đơn  #5 (hoàn)')).toBe('Don 5 hoan');
  });
});
