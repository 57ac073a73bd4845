import {
  classCatalogueOn,
  classDefinition,
  classExchangeOn,
  RTL_2008_CLASSES,
  RTOS_2024_CLASSES,
} from './licence-classes';
import { healthGroupsCover } from './health-certificate';

describe('licence class catalogues', () => {
  it('has exactly the classes of each law', () => {
    expect(Object.keys(RTOS_2024_CLASSES.classes).sort()).toEqual(
      ['A1', 'A', 'B1', 'B', 'C1', 'C', 'D1', 'D2', 'D', 'BE', 'C1E', 'CE', 'D1E', 'D2E', 'DE'].sort(),
    );
    expect(Object.keys(RTL_2008_CLASSES.classes).sort()).toEqual(
      ['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'C', 'D', 'E', 'FB2', 'FC', 'FD', 'FE'].sort(),
    );
  });

  it('places a class by the day it was issued: the 2024 law from 2025-01-01', () => {
    expect(classCatalogueOn('2024-12-31').id).toBe('RTL_2008');
    expect(classCatalogueOn('2025-01-01').id).toBe('RTOS_2024');
    expect(classDefinition('B1', '2020-03-01')?.validity.kind).toBe('UNTIL_AGE');
    expect(classDefinition('B1', '2025-03-01')?.validity.kind).toBe('LIFETIME');
    expect(classDefinition('B2', '2025-03-01')).toBeUndefined();
  });

  it.each([
    ['A1', 1, false],
    ['B1', 1, false],
    ['A', 2, false],
    ['B', 2, true],
    ['C1', 3, true],
    ['C', 3, true],
    ['D', 3, true],
    ['BE', 3, true],
    ['DE', 3, true],
  ] as const)('new class %s: health group %i, certificate needed %s', (cls, group, needed) => {
    expect(RTOS_2024_CLASSES.classes[cls]).toMatchObject({
      healthGroup: group,
      needsHealthCertificate: needed,
    });
  });

  it.each([
    ['A1', false],
    ['A2', false],
    ['A3', false],
    ['B1', true],
    ['B2', true],
    ['FC', true],
  ] as const)('old class %s needs a certificate: %s', (cls, needed) => {
    expect(RTL_2008_CLASSES.classes[cls].needsHealthCertificate).toBe(needed);
  });

  it('maps old classes to new ones only from 2025, as DOMAIN.md fixes them', () => {
    expect(classExchangeOn('2024-12-31')).toBeNull();
    const { classes } = classExchangeOn('2025-01-01')!;
    expect(classes).toMatchObject({
      A2: { to: 'A' },
      A3: { to: 'B1' },
      B2: { to: 'B' },
      D: { to: 'D2' },
      E: { to: 'D' },
      FC: { to: 'CE' },
      A4: { to: null },
    });
    for (const target of Object.values(classes)) {
      if (target.to !== null) expect(RTOS_2024_CLASSES.classes[target.to]).toBeDefined();
    }
    expect(Object.keys(classes).sort()).toEqual(Object.keys(RTL_2008_CLASSES.classes).sort());
  });

  it('treats the health standards as nested: a stricter group covers a lighter one', () => {
    expect(healthGroupsCover([3], 2)).toBe(true);
    expect(healthGroupsCover([2], 2)).toBe(true);
    expect(healthGroupsCover([1], 2)).toBe(false);
    expect(healthGroupsCover([], 1)).toBe(false);
  });
});
