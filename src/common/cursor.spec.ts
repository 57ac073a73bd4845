import { decodeCursor, encodeCursor, isCursorText } from './cursor';
import { isDateTime, isStrictUuid } from './input/strict-formats';

const shape = { createdAt: isDateTime, id: isStrictUuid };
const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('pagination cursors', () => {
  it('round-trips a cursor it made', () => {
    const value = { createdAt: '2026-03-01T08:00:00.000Z', id: '3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f' };
    expect(decodeCursor(encodeCursor(value), shape)).toEqual(value);
    expect(decodeCursor(undefined, shape)).toBeUndefined();
  });

  it('refuses forged cursors with a 400 before any query', () => {
    for (const forged of [
      forge({ createdAt: '2026-W10-1', id: '3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f' }),
      forge({ createdAt: '2026-03-01T08:00:00Z', id: '0123456789abcdef0123456789abcdef0123' }),
      forge({ createdAt: 5, id: null }),
      forge(['x']),
      forge(null),
      'not base64 at all!',
      '%%%',
      'a'.repeat(5000),
    ]) {
      expect(() => decodeCursor(forged, shape)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    }
  });

  it('keeps control characters out of text cursors', () => {
    expect(isCursorText('officer.hn')).toBe(true);
    expect(isCursorText('a\u0000')).toBe(false);
  });
});
