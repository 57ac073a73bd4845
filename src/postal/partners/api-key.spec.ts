import { generateApiKey, hashApiKey, looksLikeApiKey } from './api-key';

describe('postal partner API keys', () => {
  it('are long random strings of a recognisable shape, stored only as their SHA-256', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^lrpk_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.hash).toHaveLength(32);
    expect(a.hash.equals(hashApiKey(a.key))).toBe(true);
    expect(a.hash.toString('hex')).not.toContain(a.key);
    expect(a.key.startsWith(a.displayPrefix)).toBe(true);
    expect(a.displayPrefix).toHaveLength(11);
  });

  it.each([
    ['a generated key', generateApiKey().key, true],
    ['a key cut short', generateApiKey().key.slice(0, 40), false],
    ['another prefix', 'sk_' + 'a'.repeat(43), false],
    ['a bearer token', 'Bearer abc.def.ghi', false],
    ['empty', '', false],
  ])('%s → %s', (_, value, expected) => {
    expect(looksLikeApiKey(value)).toBe(expected);
  });
});
