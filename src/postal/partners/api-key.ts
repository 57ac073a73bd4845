import { createHash, randomBytes } from 'node:crypto';

/**
 * Postal partner API keys: `lrpk_` and 43 characters of base64url (256 random bits). Only the SHA-256
 * of a key is stored — enough for a secret this long, and cheap to check on every request, unlike a
 * password hash — with its first characters, so people can tell their keys apart.
 */
const PREFIX = 'lrpk_';
const SHAPE = /^lrpk_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  /** The key itself: shown once, never stored. */
  key: string;
  hash: Buffer;
  /** What lists show to identify the key. */
  displayPrefix: string;
}

export function generateApiKey(): NewApiKey {
  const key = PREFIX + randomBytes(32).toString('base64url');
  return { key, hash: hashApiKey(key), displayPrefix: key.slice(0, PREFIX.length + 6) };
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Whether a header value could be a key at all: anything else is refused without a query. */
export function looksLikeApiKey(value: string): boolean {
  return SHAPE.test(value);
}
