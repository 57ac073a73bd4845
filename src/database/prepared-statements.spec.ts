import { StatementNames } from './prepared-statements';

describe('StatementNames', () => {
  it('names a text once it has been seen often enough, and always the same', () => {
    const names = new StatementNames(2, 10);
    expect(names.nameFor('a')).toBeUndefined();
    const first = names.nameFor('a');
    expect(first).toBeDefined();
    expect(names.nameFor('a')).toBe(first);
    names.nameFor('b');
    expect(names.nameFor('b')).not.toBe(first);
  });

  it('stops naming new texts at the limit, and keeps the names it gave', () => {
    const names = new StatementNames(1, 2);
    const a = names.nameFor('a');
    names.nameFor('b');
    expect(names.nameFor('c')).toBeUndefined();
    expect(names.nameFor('a')).toBe(a);
    expect(names.size).toBe(2);
  });
});
