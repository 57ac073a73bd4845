/** What a portrait photo must be. Checked on the file's content, never its name or declared type. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_MIN_WIDTH = 300;
export const PHOTO_MIN_HEIGHT = 400;
export const PHOTO_MAX_WIDTH = 4000;
export const PHOTO_MAX_HEIGHT = 4000;

export type PhotoContentType = 'image/jpeg' | 'image/png';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type the first bytes announce (JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A); null for anything else. */
export function photoTypeOf(bytes: Buffer): PhotoContentType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= PNG_SIGNATURE.length && bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
    return 'image/png';
  }
  return null;
}

/** Which dimension limits a width × height (as displayed, after EXIF rotation) breaks; empty when none. */
export function dimensionProblems(width: number, height: number): string[] {
  const problems: string[] = [];
  if (width < PHOTO_MIN_WIDTH) problems.push(`it is ${width} pixels wide; the minimum is ${PHOTO_MIN_WIDTH}`);
  if (width > PHOTO_MAX_WIDTH) problems.push(`it is ${width} pixels wide; the maximum is ${PHOTO_MAX_WIDTH}`);
  if (height < PHOTO_MIN_HEIGHT)
    problems.push(`it is ${height} pixels high; the minimum is ${PHOTO_MIN_HEIGHT}`);
  if (height > PHOTO_MAX_HEIGHT)
    problems.push(`it is ${height} pixels high; the maximum is ${PHOTO_MAX_HEIGHT}`);
  return problems;
}
