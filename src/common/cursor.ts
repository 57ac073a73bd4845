import { DomainError } from './errors/domain-error';

/** Opaque pagination cursors: base64url JSON, validated on the way back in. */
export function encodeCursor(value: Record<string, string>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<K extends string>(
  cursor: string | undefined,
  keys: readonly K[],
): Record<K, string> | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (keys.every((k) => typeof value[k] === 'string')) return value as Record<K, string>;
  } catch {
    // fall through to the error below
  }
  throw new DomainError(
    'BAD_REQUEST',
    'cursor is not valid: pass the nextCursor value from the previous page unchanged.',
  );
}
