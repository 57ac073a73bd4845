import { COMMON_PASSWORD_COUNT, isCommonPassword } from '../common-passwords';
import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('accepts a long, uncommon passphrase', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
  });

  it('bounds the length in characters, not bytes', () => {
    expect(passwordProblem('1234567')).toMatch(/at least 8/);
    expect(passwordProblem('đường đi')).toBeNull(); // 8 characters, 12 bytes in UTF-8
    expect(passwordProblem('ư'.repeat(128))).toBeNull();
    expect(passwordProblem('a'.repeat(129))).toMatch(/at most 128/);
  });

  it('refuses common passwords whatever their case or surrounding spaces', () => {
    expect(passwordProblem('PassWord123')).toMatch(/common/);
    expect(passwordProblem(' qwerty123 ')).toMatch(/common/);
    expect(passwordProblem('matkhau123')).toMatch(/common/);
  });

  it('refuses the account\u2019s own identifiers', () => {
    expect(passwordProblem('001090012345', { nationalId: '001090012345' })).toMatch(/citizen ID/);
    expect(passwordProblem('Lan.Nguyen', { username: 'lan.nguyen' })).toMatch(/username/);
    expect(passwordProblem('001090012346', { nationalId: '001090012345' })).toBeNull();
  });
});

describe('the common-password list', () => {
  it('holds about two hundred entries, every one long enough to pass the length rule', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(200);
    expect(isCommonPassword('iloveyou')).toBe(true);
    expect(isCommonPassword('a rare passphrase')).toBe(false);
  });
});
