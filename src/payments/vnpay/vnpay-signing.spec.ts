import { createHmac } from 'node:crypto';
import {
  isValidVnpQuery,
  parseVnpDate,
  vnpDate,
  vnpEncode,
  vnpPipeHash,
  vnpSecureHash,
  vnpSignData,
} from './vnpay-signing';

describe('VNPAY 2.1.0 signing', () => {
  /**
   * A return URL published with its hash secret ("test_secret") in the test suite of the open-source
   * `vnpay` npm library (lehuygiang28/vnpay, test/verify-return-url.test.ts): a vector computed by
   * someone else's implementation of the same guide.
   */
  const publishedReturn = {
    vnp_Amount: '1000000',
    vnp_BankCode: 'NCB',
    vnp_BankTranNo: 'VNP14422574',
    vnp_CardType: 'ATM',
    vnp_OrderInfo: 'Thanh toan don hang 2024-05-21T02:17:31.249Z',
    vnp_PayDate: '20240521091806',
    vnp_ResponseCode: '00',
    vnp_TmnCode: 'TEST_TMN_CODE',
    vnp_TransactionNo: '14422574',
    vnp_TransactionStatus: '00',
    vnp_TxnRef: '1716257871703',
    vnp_SecureHash:
      '649982421beb422556a1374713c74e58e716ecbd05007c0c0e1f7effdfaf361dbf146889ca446139afe11b9954c4d5c486e99e3b86fcfab6957f29eb0be72895',
  };

  it('verifies a return URL published with its secret', () => {
    expect(isValidVnpQuery('test_secret', publishedReturn)).toBe(true);
    expect(isValidVnpQuery('test_secret', { ...publishedReturn, vnp_ResponseCode: '99' })).toBe(false);
    expect(isValidVnpQuery('other_secret', publishedReturn)).toBe(false);
  });

  it('signs the sorted, form-encoded parameters and nothing else', () => {
    const params = {
      vnp_TxnRef: '5',
      vnp_Amount: '1806000',
      vnp_OrderInfo: 'Thanh toan don hang :5',
      vnp_ReturnUrl: 'https://domainmerchant.vn/ReturnUrl',
      vnp_BankCode: '', // empty values are left out
      vnp_SecureHashType: 'HMACSHA512', // never signed
      other: 'x', // not a vnp_ parameter
    };
    const data = vnpSignData(params);
    // The shape of the guide's sample URL: same encoding of ':' '/' and spaces.
    expect(data).toBe(
      'vnp_Amount=1806000&vnp_OrderInfo=Thanh+toan+don+hang+%3A5&vnp_ReturnUrl=https%3A%2F%2Fdomainmerchant.vn%2FReturnUrl&vnp_TxnRef=5',
    );
    // Known HMAC-SHA512 value, computed independently of our helper.
    expect(vnpSecureHash('secret', params)).toBe(createHmac('sha512', 'secret').update(data).digest('hex'));
    expect(vnpSecureHash('secret', params)).toMatch(/^[0-9a-f]{128}$/);
  });

  it('encodes as PHP urlencode does', () => {
    expect(vnpEncode("a b!'()*~é")).toBe('a+b%21%27%28%29%2A%7E%C3%A9');
    expect(vnpEncode('A-z_0.9')).toBe('A-z_0.9');
  });

  it('accepts the hash in upper case and refuses malformed ones', () => {
    const upper = { ...publishedReturn, vnp_SecureHash: publishedReturn.vnp_SecureHash.toUpperCase() };
    expect(isValidVnpQuery('test_secret', upper)).toBe(true);
    expect(isValidVnpQuery('test_secret', { ...publishedReturn, vnp_SecureHash: 'abc' })).toBe(false);
    const { vnp_SecureHash: _omitted, ...unsigned } = publishedReturn;
    expect(isValidVnpQuery('test_secret', unsigned)).toBe(false);
  });

  it('joins API fields with pipes, absent ones empty', () => {
    expect(vnpPipeHash('k', ['a', undefined, 3, null])).toBe(
      createHmac('sha512', 'k').update('a||3|').digest('hex'),
    );
  });

  it('writes and reads times in GMT+7', () => {
    expect(vnpDate(new Date('2021-08-01T08:33:33Z'))).toBe('20210801153333');
    expect(vnpDate(new Date('2026-12-31T17:00:00Z'))).toBe('20270101000000');
    expect(parseVnpDate('20210801153333')?.toISOString()).toBe('2021-08-01T08:33:33.000Z');
    expect(parseVnpDate('20261332000000')).toBeNull();
    expect(parseVnpDate('2021-08-01')).toBeNull();
    expect(parseVnpDate(undefined)).toBeNull();
  });
});
