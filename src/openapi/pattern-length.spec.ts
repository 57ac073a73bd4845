import { maxLengthOfPattern } from './pattern-length';

describe('maxLengthOfPattern', () => {
  it.each([
    ['^\\d{12}$', 12],
    ['^[A-Za-z0-9-]{4,40}$', 40],
    ['^\\d{2}$', 2],
    ['^(0|\\+84)\\d{9}$', 12],
    ['^[\\x21-\\x7e]{1,100}$', 100],
    ['^[A-Z][A-Z0-9_]{1,63}$', 64],
    ['^\\d{4}-\\d{2}-\\d{2}$', 10],
    ['^(?:ab|c)?x$', 3],
  ])('bounds %s at %d', (pattern, length) => {
    expect(maxLengthOfPattern(pattern)).toBe(length);
  });

  it.each(['^a+$', '^a*$', '^a{2,}$', 'abc', '^(a)\\1$', '^(?=a)a$'])('leaves %s unbounded', (pattern) => {
    expect(maxLengthOfPattern(pattern)).toBeNull();
  });
});
