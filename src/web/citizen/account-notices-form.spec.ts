import { noticeChange, noticeProblems } from './account-notices-form';

describe('the account page notice form', () => {
  const form = { sms: 'true', email: '', emailAddress: '', language: 'vi' };

  it('accepts SMS alone and turns unticked boxes into false', () => {
    expect(noticeProblems(form)).toEqual([]);
    expect(noticeChange(form)).toEqual({ sms: true, email: false, emailAddress: null, language: 'vi' });
  });

  it('names each problem with its field', () => {
    expect(noticeProblems({ sms: '', email: '', emailAddress: 'nope', language: 'de' })).toEqual([
      { field: 'emailAddress', key: 'account.emailAddress.format' },
      { field: 'sms', key: 'account.channels.oneRequired' },
      { field: 'language', key: 'account.language.required' },
    ]);
    expect(noticeProblems({ ...form, email: 'true' })).toEqual([
      { field: 'emailAddress', key: 'account.emailAddress.required' },
    ]);
  });
});
