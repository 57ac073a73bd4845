import { isValidPaymentSignature, signPaymentCallback } from './payment-signature';

describe('payment callback signatures', () => {
  const secret = 'provider-secret';
  const body = Buffer.from('{"paymentId":"p","amount":150000}');

  it('matches a known HMAC-SHA256 value', () => {
    expect(signPaymentCallback('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });

  it('accepts the right signature in either case and refuses everything else', () => {
    const good = signPaymentCallback(secret, body);
    expect(isValidPaymentSignature(secret, body, good)).toBe(true);
    expect(isValidPaymentSignature(secret, body, good.toUpperCase())).toBe(true);
    expect(isValidPaymentSignature(secret, Buffer.from(body.toString() + ' '), good)).toBe(false);
    expect(isValidPaymentSignature('other', body, good)).toBe(false);
    expect(isValidPaymentSignature(secret, body, undefined)).toBe(false);
    expect(isValidPaymentSignature(secret, body, 'abc')).toBe(false);
  });
});
