import type { AuthUser } from '../../auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { refusalKey, rejectProblems, requestInfoProblems, versionOf } from './case-forms';

const officer: AuthUser = {
  kind: 'staff',
  id: 'me',
  role: 'officer',
  nationalId: '001090000001',
  provinceCode: '01',
  username: 'lan',
};
const refused = (code: 'STALE_VERSION' | 'CONFLICT' | 'FORBIDDEN') => new DomainError(code, 'English detail');
const free = { claim: null, outcome: 'ELIGIBLE', applicantNationalId: '001090000002' };

describe('the case page forms', () => {
  it('reads the version and checks the reject and request-info forms', () => {
    expect([versionOf({ version: '7' }), versionOf({ version: '' }), versionOf({ version: '1e3' })]).toEqual([
      7,
      null,
      null,
    ]);
    expect(rejectProblems({ reasonCode: 'OTHER', note: 'blurred' })).toEqual([]);
    expect(rejectProblems({ reasonCode: 'NOPE', note: '' }).map((p) => p.field)).toEqual([
      'reasonCode',
      'note',
    ]);
    expect(requestInfoProblems({ message: '' }).map((p) => p.key)).toEqual([
      'case.requestInfo.message.required',
    ]);
  });

  it('explains each refusal from the case as it now is', () => {
    expect(refusalKey(refused('STALE_VERSION'), 'approve', free, officer)).toBe('case.errors.stale');
    expect(refusalKey(refused('CONFLICT'), 'approve', free, officer)).toBe('case.errors.claimFirst');
    expect(refusalKey(refused('CONFLICT'), 'claim', { ...free, claim: { holder: 'other' } }, officer)).toBe(
      'case.errors.claimedByOther',
    );
    expect(refusalKey(refused('CONFLICT'), 'claim', free, officer)).toBe('case.errors.wrongState');
    expect(refusalKey(refused('CONFLICT'), 'release', free, officer)).toBe('case.errors.notHolder');
    expect(refusalKey(refused('FORBIDDEN'), 'approve', { ...free, outcome: 'FLAGGED' }, officer)).toBe(
      'case.errors.fourEyes',
    );
    expect(
      refusalKey(
        refused('FORBIDDEN'),
        'claim',
        { ...free, applicantNationalId: officer.nationalId },
        officer,
      ),
    ).toBe('case.errors.ownLicence');
  });
});
