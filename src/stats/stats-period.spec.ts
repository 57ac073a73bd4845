import { DomainError } from '../common/errors/domain-error';
import { daysOf, MAX_PERIOD_DAYS, resolvePeriod } from './stats-period';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.extra.errors?.[0]?.field;
    throw error;
  }
  return undefined;
};

describe('resolvePeriod', () => {
  it('defaults to the 30 days ending today', () => {
    expect(resolvePeriod({}, '2026-03-31')).toEqual({ from: '2026-03-02', to: '2026-03-31' });
  });

  it('defaults to the 30 days ending at an explicit to', () => {
    expect(resolvePeriod({ to: '2026-01-10' }, '2026-03-31')).toEqual({
      from: '2025-12-12',
      to: '2026-01-10',
    });
  });

  it('keeps an open start for the public figures', () => {
    expect(resolvePeriod({}, '2026-03-31', { openStart: true })).toEqual({ from: null, to: '2026-03-31' });
  });

  it('accepts a one-day period and a full leap year', () => {
    expect(resolvePeriod({ from: '2026-03-01', to: '2026-03-01' }, '2026-03-31')).toEqual({
      from: '2026-03-01',
      to: '2026-03-01',
    });
    expect(resolvePeriod({ from: '2028-01-01', to: '2028-12-31' }, '2029-01-01').from).toBe('2028-01-01');
  });

  it('refuses to before from, naming to', () => {
    expect(fieldOf(() => resolvePeriod({ from: '2026-03-02', to: '2026-03-01' }, '2026-03-31'))).toBe('to');
  });

  it(`refuses more than ${MAX_PERIOD_DAYS} days, naming from`, () => {
    expect(fieldOf(() => resolvePeriod({ from: '2025-01-01', to: '2026-01-02' }, '2026-03-31'))).toBe('from');
  });
});

describe('daysOf', () => {
  it('lists every day across a month end', () => {
    expect(daysOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });
});
