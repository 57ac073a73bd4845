import { assertWellFormedSchedule, Dated, inForceOn } from './dated';
import { LICENCE_FEE_SCHEDULE, POSTAL_DELIVERY_FEE_SCHEDULE } from './fees';
import { EXPIRY_GRACE_PERIOD, RETEST_AFTER_EXPIRY } from './grace-period';
import { HEALTH_CERTIFICATE_POLICY } from './health-certificate';
import { HOLIDAY_CALENDAR } from './holidays';
import { CLASS_CATALOGUES, CLASS_EXCHANGES } from './licence-classes';
import { RENEWAL_WINDOW } from './renewal-window';

describe('inForceOn', () => {
  const schedule: Dated<string>[] = [
    { from: '2020-01-01', until: '2022-12-31', value: 'old' },
    { from: '2023-01-01', value: 'current' },
  ];

  it('returns the entry whose dates include the day, both ends included', () => {
    expect(inForceOn(schedule, '2020-01-01')).toBe('old');
    expect(inForceOn(schedule, '2022-12-31')).toBe('old');
    expect(inForceOn(schedule, '2023-01-01')).toBe('current');
    expect(inForceOn(schedule, '2099-06-01')).toBe('current');
  });

  it('throws for a day no entry covers', () => {
    expect(() => inForceOn(schedule, '2019-12-31')).toThrow(/No setting in force on 2019-12-31/);
  });

  it('lets an appended entry override an open-ended one, only for its own dates', () => {
    const extended = [...schedule, { from: '2023-01-01', until: '2023-06-30', value: 'extension' }];
    expect(inForceOn(extended, '2023-03-01')).toBe('extension');
    expect(inForceOn(extended, '2023-07-01')).toBe('current');
  });

  it('prefers the entry that starts latest where entries overlap', () => {
    const overlapping = [
      { from: '2024-01-01', value: 'later' },
      { from: '2020-01-01', value: 'earlier' },
    ];
    expect(inForceOn(overlapping, '2025-01-01')).toBe('later');
    expect(inForceOn(overlapping, '2021-01-01')).toBe('earlier');
  });

  it('refuses a malformed date', () => {
    expect(() => inForceOn(schedule, '2023-02-30')).toThrow(/calendar date/);
  });
});

describe('every dated policy', () => {
  it.each<[string, readonly Dated<unknown>[]]>([
    ['online fee', LICENCE_FEE_SCHEDULE.ONLINE],
    ['office fee', LICENCE_FEE_SCHEDULE.OFFICE],
    ['postal fee', POSTAL_DELIVERY_FEE_SCHEDULE],
    ['grace period', EXPIRY_GRACE_PERIOD],
    ['re-test', RETEST_AFTER_EXPIRY],
    ['health certificate', HEALTH_CERTIFICATE_POLICY],
    ['holidays', HOLIDAY_CALENDAR],
    ['class catalogues', CLASS_CATALOGUES],
    ['class exchanges', CLASS_EXCHANGES],
    ['renewal window', RENEWAL_WINDOW],
  ])('%s schedule has well-formed dates', (name, schedule) => {
    expect(() => assertWellFormedSchedule(schedule, name)).not.toThrow();
  });

  it('the well-formedness check catches reversed and malformed dates', () => {
    expect(() =>
      assertWellFormedSchedule([{ from: '2025-02-01', until: '2025-01-01', value: 1 }], 'x'),
    ).toThrow(/before/);
    expect(() => assertWellFormedSchedule([{ from: '2025-1-1', value: 1 }], 'x')).toThrow(/calendar date/);
    expect(() => assertWellFormedSchedule([], 'x')).toThrow(/no entries/);
  });
});
