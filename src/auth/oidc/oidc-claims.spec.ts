import { identityFromClaims, isoBirthDate } from './oidc-claims';

const names = { nationalId: 'citizen_id', fullName: 'name', birthdate: 'birthdate' };

describe('identityFromClaims', () => {
  it('reads the identity under the configured claim names', () => {
    expect(
      identityFromClaims(
        { citizen_id: '001085012345', name: ' Lê Văn Cường ', birthdate: '1985-07-09' },
        names,
      ),
    ).toEqual({
      identity: { nationalId: '001085012345', fullName: 'Lê Văn Cường', dateOfBirth: '1985-07-09' },
    });
  });

  it('names the claims that are missing or empty', () => {
    expect(
      identityFromClaims({ national_id: '001085012345', name: '', birthdate: '1985-07-09' }, names),
    ).toEqual({
      missing: ['citizen_id', 'name'],
    });
  });

  it('refuses a citizen ID that is not 12 digits as a string, and an impossible birth date', () => {
    expect(identityFromClaims({ citizen_id: 1085012345, name: 'A', birthdate: '1985-07-09' }, names)).toEqual(
      {
        missing: ['citizen_id'],
      },
    );
    expect(
      identityFromClaims({ citizen_id: '00108501234', name: 'A', birthdate: '1985-02-30' }, names),
    ).toEqual({
      malformed: ['citizen_id', 'birthdate'],
    });
  });
});

describe('isoBirthDate', () => {
  it.each([
    ['1985-07-09', '1985-07-09'],
    ['09/07/1985', '1985-07-09'],
    ['29/02/2001', null],
    ['1985', null],
    ['07/09/85', null],
  ])('%s -> %s', (given, expected) => expect(isoBirthDate(given)).toBe(expected));
});
