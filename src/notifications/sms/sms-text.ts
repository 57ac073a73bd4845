/**
 * A Vietnamese mobile number as SMS gateways want it: 84 and the 9 digits after the leading 0
 * ("0912 345 678", "+84912345678" and "84912345678" all give "84912345678"); null when it is not one.
 */
export function gatewayPhone(phone: string): string | null {
  const digits = phone.replace(/[\s.()-]/g, '');
  const national = /^(?:\+84|84|0)([1-9][0-9]{8})$/.exec(digits);
  return national ? `84${national[1]}` : null;
}

const PUNCTUATION: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '\u00a0': ' ',
};

/**
 * The text without Vietnamese diacritics ("Hồ sơ đã được tiếp nhận" → "Ho so da duoc tiep nhan").
 * Brand-name gateways charge per segment: unaccented GSM text fits 160 characters in one, while a
 * single accented letter makes the whole message UCS-2, 70 characters a segment.
 */
export function unaccented(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[‘’“”–—…\u00a0]/g, (c) => PUNCTUATION[c]);
}
