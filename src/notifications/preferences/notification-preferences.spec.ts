import { preferencesProblems } from './notification-preferences.service';

describe('preferencesProblems', () => {
  const base = { sms: true, email: false, emailAddress: null, language: 'vi' as const };

  it('accepts SMS alone, e-mail alone with an address, or both', () => {
    expect(preferencesProblems(base)).toEqual([]);
    expect(preferencesProblems({ ...base, sms: false, email: true, emailAddress: 'a@b.vn' })).toEqual([]);
    expect(preferencesProblems({ ...base, email: true, emailAddress: 'a@b.vn' })).toEqual([]);
  });

  it('keeps one channel on', () => {
    expect(preferencesProblems({ ...base, sms: false })).toEqual([
      { field: 'sms', message: 'Keep at least one channel on: SMS or e-mail.' },
    ]);
  });

  it('needs an address for e-mail', () => {
    expect(preferencesProblems({ ...base, email: true }).map((p) => p.field)).toEqual(['emailAddress']);
  });
});
