import { languageFromAcceptLanguage } from './reader-language';

describe('the API reader’s language', () => {
  it('is Vietnamese unless English is preferred', () => {
    expect(languageFromAcceptLanguage(undefined)).toBe('vi');
    expect(languageFromAcceptLanguage('fr-FR')).toBe('vi');
    expect(languageFromAcceptLanguage('en')).toBe('en');
    expect(languageFromAcceptLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(languageFromAcceptLanguage('vi-VN,vi;q=0.9,en;q=0.8')).toBe('vi');
    expect(languageFromAcceptLanguage('vi;q=0.5, en;q=0.8')).toBe('en');
    expect(languageFromAcceptLanguage('en;q=0')).toBe('vi');
  });
});
