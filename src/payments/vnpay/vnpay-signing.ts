import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * VNPAY 2.1.0 signing, as its merchant guide specifies: every vnp_* parameter but the hash itself, with
 * a non-empty value, sorted by name, each `name=value` URL-encoded as an HTML form encodes it (space as
 * `+`), joined with `&`; vnp_SecureHash = hex(HMAC-SHA512(hashSecret, that text)). The JSON APIs
 * (querydr, refund) sign their fields joined by `|` in an order fixed per command.
 */

export type VnpParams = Record<string, string>;

const HASH_FIELDS = new Set(['vnp_SecureHash', 'vnp_SecureHashType']);

/** application/x-www-form-urlencoded, as PHP's urlencode (VNPAY's reference code): only A-Z a-z 0-9 - _ . kept. */
export function vnpEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** The text that is signed: the same text is the query string of the payment URL, hash excluded. */
export function vnpSignData(params: VnpParams): string {
  return Object.keys(params)
    .filter((key) => key.startsWith('vnp_') && !HASH_FIELDS.has(key) && params[key] !== '')
    .sort()
    .map((key) => `${vnpEncode(key)}=${vnpEncode(params[key])}`)
    .join('&');
}

export function hmacSha512(secret: string, text: string): string {
  return createHmac('sha512', secret).update(Buffer.from(text, 'utf8')).digest('hex');
}

export function vnpSecureHash(secret: string, params: VnpParams): string {
  return hmacSha512(secret, vnpSignData(params));
}

/** Constant-time, either letter case (VNPAY's own samples compare case-insensitively). */
export function hashesMatch(expected: string, received: unknown): boolean {
  if (typeof received !== 'string' || !/^[0-9a-f]{128}$/i.test(received)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(received.toLowerCase(), 'hex'));
}

/** Checks vnp_SecureHash of a query VNPAY sent (IPN, return URL) or a payment URL (the simulator). */
export function isValidVnpQuery(secret: string, params: VnpParams): boolean {
  return hashesMatch(vnpSecureHash(secret, params), params.vnp_SecureHash);
}

/** Signs a querydr/refund request or checks a response: the fields joined by `|`, absent ones empty. */
export function vnpPipeHash(secret: string, fields: readonly (string | number | undefined | null)[]): string {
  return hmacSha512(secret, fields.map((f) => (f === undefined || f === null ? '' : String(f))).join('|'));
}

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** yyyyMMddHHmmss in GMT+7, VNPAY's time format. */
export function vnpDate(at: Date): string {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return local.slice(0, 19).replace(/[-T:]/g, '');
}

/** The instant a yyyyMMddHHmmss (GMT+7) names, or null for anything else. */
export function parseVnpDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - VIETNAM_OFFSET_MS);
  return vnpDate(at) === value ? at : null; // refuses 20261332..., which Date.UTC would roll over
}
