import { cleanRenewal, withLicence } from './eligibility-fixtures';
import { RuleName, RuleResult } from './eligibility-input';
import {
  ELIGIBILITY_RULES,
  evaluateEligibility,
  overallOutcome,
  needsLicenceVerification,
} from './evaluate-eligibility';

const ORDER: RuleName[] = [
  'IDENTITY_MATCH',
  'LICENCE_FOUND',
  'LICENCE_ORIGIN',
  'LICENCE_STATUS',
  'LICENCE_POINTS',
  'EXPIRY_WINDOW',
  'HEALTH_CERTIFICATE',
  'UNPAID_VIOLATIONS',
  'NO_OTHER_OPEN_APPLICATION',
  'APPLICATION_TYPE_FITS',
];

const outcomes = (results: RuleResult[]) => Object.fromEntries(results.map((r) => [r.rule, r.outcome]));

describe('evaluateEligibility', () => {
  it('passes every rule, in the fixed order, for a clean renewal', () => {
    const results = evaluateEligibility(cleanRenewal());
    expect(results.map((r) => r.rule)).toEqual(ORDER);
    expect(results.filter((r) => r.outcome !== 'PASS')).toEqual([]);
    for (const r of results) {
      expect(r.detail).toMatch(/^[A-Z].*\.$/);
      expect(r.notCheckedBecause).toBeUndefined();
    }
    expect(overallOutcome(results)).toBe('ELIGIBLE');
    expect(ELIGIBILITY_RULES.map((r) => r.name)).toEqual(ORDER);
  });

  it('flags a licence missing from the register for verification, and checks nothing it would need', () => {
    const results = evaluateEligibility({ ...cleanRenewal(), licence: null });
    expect(results.map((r) => r.rule)).toEqual(ORDER);
    expect(outcomes(results)).toEqual({
      IDENTITY_MATCH: 'PASS',
      LICENCE_FOUND: 'FLAG',
      LICENCE_ORIGIN: 'NOT_CHECKED',
      LICENCE_STATUS: 'NOT_CHECKED',
      LICENCE_POINTS: 'NOT_CHECKED',
      EXPIRY_WINDOW: 'NOT_CHECKED',
      HEALTH_CERTIFICATE: 'NOT_CHECKED',
      UNPAID_VIOLATIONS: 'PASS',
      NO_OTHER_OPEN_APPLICATION: 'PASS',
      APPLICATION_TYPE_FITS: 'NOT_CHECKED',
    });
    const unchecked = results.filter((r) => r.notCheckedBecause === 'LICENCE_FOUND').map((r) => r.rule);
    expect(unchecked).toEqual([
      'LICENCE_ORIGIN',
      'LICENCE_STATUS',
      'LICENCE_POINTS',
      'EXPIRY_WINDOW',
      'HEALTH_CERTIFICATE',
      'APPLICATION_TYPE_FITS',
    ]);
    expect(overallOutcome(results)).toBe('FLAGGED');
    expect(needsLicenceVerification(results)).toBe(true);
  });

  it('finds only that someone else’s licence is not the applicant’s: every other rule is not checked', () => {
    const input = withLicence({ nationalId: '079190054321', status: 'SUSPENDED', points: 0 });
    input.unpaidViolations = [
      { id: 'V-1', plate: null, nationalId: '001090012345', amount: 1, occurredOn: '2026-01-01' },
    ];
    const results = evaluateEligibility(input);
    expect(results.filter((r) => r.outcome !== 'NOT_CHECKED').map((r) => [r.rule, r.outcome])).toEqual([
      ['LICENCE_FOUND', 'FAIL'],
    ]);
    expect(JSON.stringify(results)).not.toMatch(/079190054321|SUSPENDED|V-1/);
    expect(overallOutcome(results)).toBe('INELIGIBLE');
    expect(needsLicenceVerification(results)).toBe(false);
  });

  it('is FLAGGED when the worst is a flag', () => {
    const results = evaluateEligibility(withLicence({ cardKind: 'PAPER' }));
    expect(results.filter((r) => r.outcome !== 'PASS').map((r) => [r.rule, r.outcome])).toEqual([
      ['APPLICATION_TYPE_FITS', 'FLAG'],
    ]);
    expect(overallOutcome(results)).toBe('FLAGGED');
  });

  it('applies the policies in force on the policy date, by default today', () => {
    const expiredInGrace = {
      ...withLicence({ classes: [{ class: 'B2', issuedOn: '2014-11-01', expiresOn: '2024-11-01' }] }),
      today: '2024-12-20',
      healthCertificate: {
        ...cleanRenewal().healthCertificate!,
        issuedOn: '2024-12-01',
        validUntil: '2025-12-01',
      },
    };
    const expiry = (policyDate?: string) =>
      evaluateEligibility(expiredInGrace, policyDate).find((r) => r.rule === 'EXPIRY_WINDOW')!.outcome;
    expect(expiry()).toBe('PASS');
    expect(expiry('2025-01-01')).toBe('FAIL');
  });
});

describe('overallOutcome', () => {
  const result = (outcome: RuleResult['outcome']): RuleResult => ({
    rule: 'LICENCE_POINTS',
    outcome,
    detail: 'x.',
    evidence: {},
  });

  it.each([
    [['PASS', 'PASS'], 'ELIGIBLE'],
    [['PASS', 'FLAG'], 'FLAGGED'],
    [['FLAG', 'FAIL', 'PASS'], 'INELIGIBLE'],
    [['FAIL'], 'INELIGIBLE'],
    [[], 'ELIGIBLE'],
  ] as const)('%j → %s', (list, expected) => {
    expect(overallOutcome(list.map(result))).toBe(expected);
  });
});
