import { cleanRenewal, FIXTURE_TODAY } from '../eligibility-fixtures';
import { checkUnpaidViolations } from './unpaid-violations';

describe('UNPAID_VIOLATIONS', () => {
  it('passes with nothing unpaid', () => {
    const result = checkUnpaidViolations(cleanRenewal(), FIXTURE_TODAY);
    expect(result.outcome).toBe('PASS');
    expect(result.evidence).toEqual({ violations: [], ownedPlates: ['29A-123.45'] });
  });

  it('fails listing the applicant’s own fines and the owner’s camera fines, with the total', () => {
    const input = {
      ...cleanRenewal(),
      unpaidViolations: [
        { id: 'VL-1', plate: '29A-123.45', nationalId: null, amount: 4_000_000, occurredOn: '2025-10-02' },
        { id: 'VL-2', plate: null, nationalId: '001090012345', amount: 800_000, occurredOn: '2026-01-15' },
      ],
    };
    const result = checkUnpaidViolations(input, FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe(
      'There are 2 unpaid traffic fines totalling 4,800,000 VND: VL-1 (29A-123.45, 4,000,000 VND, 2025-10-02); VL-2 (800,000 VND, 2026-01-15).',
    );
    expect(result.evidence).toEqual({
      violations: [
        {
          id: 'VL-1',
          plate: '29A-123.45',
          amount: 4_000_000,
          occurredOn: '2025-10-02',
          asDriver: false,
          asOwner: true,
        },
        {
          id: 'VL-2',
          plate: null,
          amount: 800_000,
          occurredOn: '2026-01-15',
          asDriver: true,
          asOwner: false,
        },
      ],
      total: 4_800_000,
      ownedPlates: ['29A-123.45'],
    });
  });

  it('does not count another, identified driver’s fine on the applicant’s vehicle (DOMAIN.md)', () => {
    const input = {
      ...cleanRenewal(),
      unpaidViolations: [
        {
          id: 'VL-3',
          plate: '29A-123.45',
          nationalId: '036085001111',
          amount: 4_000_000,
          occurredOn: '2025-10-02',
        },
      ],
    };
    const result = checkUnpaidViolations(input, FIXTURE_TODAY);
    expect(result.outcome).toBe('PASS');
    expect(JSON.stringify(result)).not.toMatch(/036085001111|VL-3/);
  });

  it('words a single fine in the singular', () => {
    const input = {
      ...cleanRenewal(),
      unpaidViolations: [
        { id: 'VL-9', plate: '29A-123.45', nationalId: null, amount: 250_000, occurredOn: '2026-02-01' },
      ],
    };
    expect(checkUnpaidViolations(input, FIXTURE_TODAY).detail).toMatch(
      /^There is 1 unpaid traffic fine totalling 250,000 VND/,
    );
  });
});
