import { DomainError } from '../errors/domain-error';
import { assertNoControlCharacters, findControlCharacter } from './control-characters';

describe('control characters in request input', () => {
  it('names the nested field that holds one', () => {
    const body = { delivery: { street: '12 Phố Huế\u0000', commune: 'x' }, events: [{ detail: 'ok' }] };
    expect(findControlCharacter(body, '', true)).toBe('delivery.street');
    expect(findControlCharacter({ events: [{}, { eventId: 'a\u0001' }] }, '', true)).toBe(
      'events[1].eventId',
    );
  });

  it('allows line breaks in multi-line fields of a body only', () => {
    expect(findControlCharacter({ message: 'line 1\nline 2' }, '', true)).toBeNull();
    expect(findControlCharacter({ note: 'a\r\nb' }, '', true)).toBeNull();
    expect(findControlCharacter({ username: 'a\nb' }, '', true)).toBe('username');
    expect(findControlCharacter({ message: 'a\u0000b' }, '', true)).toBe('message');
    expect(findControlCharacter({ next: '/x\r\nSet-Cookie: a=b' }, '', false)).toBe('next');
  });

  it('refuses the request with a 400 naming the field', () => {
    let thrown: unknown;
    try {
      assertNoControlCharacters({ query: { q: 'x' }, body: { username: 'admin\u0000' } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'VALIDATION_FAILED', extra: { errors: [{ field: 'username' }] } });
    expect(() =>
      assertNoControlCharacters({ query: { q: 'Nguyễn' }, body: { message: 'a\nb' } }),
    ).not.toThrow();
  });
});
