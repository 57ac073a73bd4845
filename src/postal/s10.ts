/**
 * UPU S10 item identifiers, the tracking numbers on the licence shipments: a two-letter service
 * indicator, an 8-digit serial, a check digit and the ISO country code of the issuing post,
 * e.g. EB123456785VN.
 */
const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;
/** First letters S10 does not allow in a service indicator. */
export const RESERVED_FIRST_LETTERS: ReadonlySet<string> = new Set(['J', 'K', 'S', 'T', 'W']);
export const MAX_SERIAL = 99_999_999;

const TRACKING_NUMBER = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;

/** The check digit of an 8-digit serial: 11 − (weighted sum mod 11), with 10 → 0 and 11 → 5. */
export function s10CheckDigit(serial8: string): number {
  if (!/^\d{8}$/.test(serial8)) throw new RangeError(`an S10 serial is 8 digits, got "${serial8}"`);
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(serial8[i]), 0);
  const c = 11 - (sum % 11);
  if (c === 10) return 0;
  if (c === 11) return 5;
  return c;
}

export function isValidServiceIndicator(indicator: string): boolean {
  return /^[A-Z]{2}$/.test(indicator) && !RESERVED_FIRST_LETTERS.has(indicator[0]);
}

export function makeTrackingNumber(indicator: string, serial: number, country = 'VN'): string {
  if (!isValidServiceIndicator(indicator)) {
    throw new RangeError(
      `service indicator must be two capital letters not starting J, K, S, T or W, got "${indicator}"`,
    );
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > MAX_SERIAL) {
    throw new RangeError(`serial must be a whole number from 0 to ${MAX_SERIAL}, got ${serial}`);
  }
  if (!/^[A-Z]{2}$/.test(country))
    throw new RangeError(`country must be two capital letters, got "${country}"`);
  const serial8 = String(serial).padStart(8, '0');
  return `${indicator}${serial8}${s10CheckDigit(serial8)}${country}`;
}

/** Format, service indicator and check digit; any country code of two capital letters. */
export function isValidTrackingNumber(value: string): boolean {
  const match = TRACKING_NUMBER.exec(value);
  if (!match) return false;
  const [, indicator, serial8, check] = match;
  return isValidServiceIndicator(indicator) && s10CheckDigit(serial8) === Number(check);
}
