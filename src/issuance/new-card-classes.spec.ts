import { AUTOMATIC_ONLY, newCardClasses } from './new-card-classes';

const man = { dateOfBirth: '1980-06-15', sex: 'M' as const };
const woman = { dateOfBirth: '1980-06-15', sex: 'F' as const };

describe('newCardClasses (renewal issued on 2026-11-27)', () => {
  const on = '2026-11-27';
  it.each([
    ['B', '2025-02-01', 'B', '2036-11-27'],
    ['C1', '2025-03-01', 'C1', '2036-11-27'],
    ['C', '2025-03-01', 'C', '2031-11-27'],
    ['D', '2025-03-01', 'D', '2031-11-27'],
    ['CE', '2025-03-01', 'CE', '2031-11-27'],
    ['A', '2025-03-01', 'A', null],
    ['A1', '2025-03-01', 'A1', null],
    ['B1', '2025-03-01', 'B1', null],
    ['B2', '2016-12-01', 'B', '2036-11-27'],
    ['A2', '2010-01-01', 'A', null],
    ['E', '2020-01-01', 'D', '2031-11-27'],
    ['FC', '2020-01-01', 'CE', '2031-11-27'],
  ])('%s issued %s becomes %s expiring %s', (cls, issuedOn, target, expiresOn) => {
    const [card] = newCardClasses([{ class: cls, issuedOn, expiresOn: '2026-12-01' }], on, man);
    expect(card.class).toBe(target);
    expect(card.expiresOn).toBe(expiresOn);
    expect(card.issuedOn).toBe(issuedOn);
    if (target !== cls) expect(card.previousClass).toBe(cls);
  });

  it('keeps a class with no online exchange as it was, with a note for the office', () => {
    const [card] = newCardClasses(
      [{ class: 'A4', issuedOn: '2015-01-01', expiresOn: '2025-01-01' }],
      on,
      woman,
    );
    expect(card).toMatchObject({ class: 'A4', expiresOn: '2025-01-01', note: expect.any(String) });
  });

  it('prints the A restriction on an old A1, and none on an old A2 or a new A1', () => {
    const [a1] = newCardClasses([{ class: 'A1', issuedOn: '2010-01-01', expiresOn: null }], on, man);
    expect(a1).toMatchObject({
      class: 'A',
      previousClass: 'A1',
      restriction: expect.stringMatching(/175 cm³/),
    });
    const [a2] = newCardClasses([{ class: 'A2', issuedOn: '2010-01-01', expiresOn: null }], on, man);
    expect(a2.restriction).toBeUndefined();
    const [newA1] = newCardClasses([{ class: 'A1', issuedOn: '2025-03-01', expiresOn: null }], on, man);
    expect(newA1.restriction).toBeUndefined();
  });

  it('carries an old automatic-only B1 onto B limited to automatic cars', () => {
    const [b] = newCardClasses(
      [{ class: 'B1', issuedOn: '2015-01-01', expiresOn: '2035-06-15', automaticOnly: true }],
      on,
      man,
    );
    expect(b).toMatchObject({ class: 'B', previousClass: 'B1', restriction: AUTOMATIC_ONLY });
    const [manual] = newCardClasses(
      [{ class: 'B1', issuedOn: '2015-01-01', expiresOn: '2035-06-15' }],
      on,
      man,
    );
    expect(manual.restriction).toBeUndefined();
  });
});
