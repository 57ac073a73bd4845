import { DomainError } from './errors/domain-error';
import { hasControlCharacter } from './input/strict-formats';

/** Opaque pagination cursors: base64url JSON, validated field by field on the way back in. */
export function encodeCursor(value: Record<string, string>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** What each field of a cursor must look like; a cursor that does not fit is a forgery (400). */
export type CursorShape<K extends string> = Record<K, (value: unknown) => boolean>;

/** A cursor's plain-text field (a username): short, no control characters. */
export const isCursorText = (value: unknown): boolean =>
  typeof value === 'string' && value.length <= 200 && !hasControlCharacter(value, false);

export function decodeCursor<K extends string>(
  cursor: string | undefined,
  shape: CursorShape<K>,
): Record<K, string> | undefined {
  if (!cursor) return undefined;
  if (cursor.length <= 1000 && /^[A-Za-z0-9_-]+$/.test(cursor)) {
    try {
      const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
      const fields = Object.entries(shape) as [K, (v: unknown) => boolean][];
      if (
        value &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        fields.every(([key, valid]) => valid((value as Record<string, unknown>)[key]))
      ) {
        return Object.fromEntries(fields.map(([key]) => [key, (value as Record<K, string>)[key]])) as Record<
          K,
          string
        >;
      }
    } catch {
      // fall through to the error below
    }
  }
  throw new DomainError(
    'BAD_REQUEST',
    'cursor is not valid: pass the nextCursor value from the previous page unchanged.',
    { errors: [{ field: 'cursor', message: 'cursor is not valid' }] },
  );
}
