import { COMMON_PASSWORD_COUNT, isCommonPassword } from '../common-passwords';
import { passwordProblem, passwordProblemCode } from './password-policy';

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

  it.each(['123456789a', 'qwerty123456', 'sunshine', 'Trustno1', 'iloveyou2024', 'dragon!!1987'])(
    'refuses %s: in the 10,000 most common, or one of them with digits or symbols added',
    (password) => expect(passwordProblemCode(password)).toBe('COMMON'),
  );

  it("refuses the citizen's own ID and phone number, also inside a longer password", () => {
    const citizen = { nationalId: '001090012345', phone: '0912345678' };
    expect(passwordProblem('001090012345', citizen)).toMatch(/citizen ID/);
    expect(passwordProblemCode('id001090012345!', citizen)).toBe('CITIZEN_ID');
    expect(passwordProblemCode('0912345678', citizen)).toBe('PHONE');
    expect(passwordProblemCode('+84912345678', citizen)).toBe('PHONE');
    expect(passwordProblemCode('912345678abc', citizen)).toBe('PHONE');
    expect(passwordProblem('001090012346', { nationalId: '001090012345' })).toBeNull();
  });

  it('refuses the name without diacritics or case, in either order, a part of it, with digits added', () => {
    const citizen = { fullName: 'Nguyễn Văn Đông' };
    for (const password of [
      'Nguyễn Văn Đông',
      'nguyenvandong',
      'NGUYEN VAN DONG 1990',
      'dongnguyenvan',
      'Đông12345678',
      '1990nguyenvandong',
      'nguyen.van.dong!',
    ]) {
      expect({ password, code: passwordProblemCode(password, citizen) }).toEqual({ password, code: 'NAME' });
    }
    expect(passwordProblem('dong ho treo tuong', citizen)).toBeNull();
  });

  it('refuses the username and its parts for staff', () => {
    expect(passwordProblem('Lan.Nguyen', { username: 'lan.nguyen' })).toMatch(/username/);
    expect(passwordProblemCode('lannguyen2026', { username: 'lan.nguyen' })).toBe('USERNAME');
    expect(passwordProblemCode('trinh12345678', { username: 'kieu.trinh' })).toBe('USERNAME');
    expect(passwordProblemCode('Thi Lan 1990!', { username: 'x', fullName: 'Trần Thị Lan' })).toBe('NAME');
    expect(
      passwordProblem('a sound passphrase', { username: 'lan.nguyen', fullName: 'Trần Thị Lan' }),
    ).toBeNull();
  });
});

describe('the common-password list', () => {
  it('holds the 10,000 most common passwords and the local favourites', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(10_000);
    expect(isCommonPassword('iloveyou')).toBe(true);
    expect(isCommonPassword('anhyeuem123')).toBe(true);
    expect(isCommonPassword('a rare passphrase')).toBe(false);
  });
});
