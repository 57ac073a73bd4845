import { feeFor } from './fees';

describe('feeFor', () => {
  it('charges the reduced online fee up to the end of 2025, plus postage when posted', () => {
    expect(feeFor('2025-12-31', 'POST')).toEqual({
      fee: 115_000,
      postalFee: 35_000,
      total: 150_000,
      currency: 'VND',
    });
    expect(feeFor('2024-06-01', 'OFFICE')).toEqual({
      fee: 115_000,
      postalFee: 0,
      total: 115_000,
      currency: 'VND',
    });
  });

  it('charges 135,000 VND online from 2026-01-01, the reduction having ended', () => {
    expect(feeFor('2026-01-01', 'OFFICE')).toEqual({
      fee: 135_000,
      postalFee: 0,
      total: 135_000,
      currency: 'VND',
    });
    expect(feeFor('2026-11-27', 'POST').total).toBe(170_000);
  });

  it('charges 135,000 VND online before the reduction began', () => {
    expect(feeFor('2023-11-30', 'OFFICE').fee).toBe(135_000);
    expect(feeFor('2023-12-01', 'OFFICE').fee).toBe(115_000);
  });

  it('charges 135,000 VND at the office throughout', () => {
    for (const day of ['2023-12-01', '2025-06-30', '2026-02-01']) {
      expect(feeFor(day, 'OFFICE', 'OFFICE').fee).toBe(135_000);
    }
  });

  it('throws for a date before the schedule begins', () => {
    expect(() => feeFor('2016-12-31', 'POST')).toThrow(/No setting in force/);
  });
});
