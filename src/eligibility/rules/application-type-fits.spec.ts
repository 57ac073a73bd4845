import { cleanRenewal, FIXTURE_TODAY, withLicence } from '../eligibility-fixtures';
import { ApplicationType, EligibilityInput } from '../eligibility-input';
import { checkApplicationTypeFits } from './application-type-fits';

const as = (applicationType: ApplicationType, input: EligibilityInput = cleanRenewal()) => ({
  ...input,
  applicationType,
});

const detailsChange = (
  newDetails: EligibilityInput['newDetails'],
  onCard: { nameOnCard?: string | null; dateOfBirthOnCard?: string | null } = {},
) => ({ ...as('DETAILS_CHANGE', withLicence(onCard)), newDetails });

describe('APPLICATION_TYPE_FITS', () => {
  it('passes a renewal of a PET card', () => {
    const result = checkApplicationTypeFits(cleanRenewal(), FIXTURE_TODAY);
    expect(result.outcome).toBe('PASS');
    expect(result.detail).toBe('A renewal fits licence 012345678901 (a PET card).');
    expect(result.evidence).toEqual({
      applicationType: 'RENEWAL',
      licenceNumber: '012345678901',
      cardKind: 'PET',
    });
  });

  it('passes the conversion of a paper licence', () => {
    const result = checkApplicationTypeFits(
      as('PAPER_CONVERSION', withLicence({ cardKind: 'PAPER' })),
      FIXTURE_TODAY,
    );
    expect(result.outcome).toBe('PASS');
    expect(result.detail).toBe('A conversion of a paper licence fits licence 012345678901 (a paper card).');
  });

  it('fails a paper conversion of a PET card', () => {
    const result = checkApplicationTypeFits(as('PAPER_CONVERSION'), FIXTURE_TODAY);
    expect(result.outcome).toBe('FAIL');
    expect(result.detail).toBe(
      'Licence 012345678901 is already a PET card, so there is no paper licence to convert.',
    );
    expect(result.evidence).toMatchObject({ cardKind: 'PET', applicationType: 'PAPER_CONVERSION' });
  });

  it.each<ApplicationType>(['RENEWAL', 'REPLACEMENT_LOST', 'REPLACEMENT_DAMAGED'])(
    'flags a %s on a paper card, suggesting a conversion',
    (type) => {
      const result = checkApplicationTypeFits(as(type, withLicence({ cardKind: 'PAPER' })), FIXTURE_TODAY);
      expect(result.outcome).toBe('FLAG');
      expect(result.detail).toBe(
        'Licence 012345678901 is a paper licence, and a conversion to a PET card may suit you better.',
      );
      expect(result.action).toMatch(/paper conversion/);
    },
  );

  it('flags an old A4 class, which the new card cannot carry', () => {
    const input = withLicence({
      classes: [
        { class: 'A4', issuedOn: '2014-01-01', expiresOn: '2024-01-01' },
        { class: 'B2', issuedOn: '2016-08-15', expiresOn: '2026-08-15' },
      ],
    });
    const result = checkApplicationTypeFits(input, FIXTURE_TODAY);
    expect(result.outcome).toBe('FLAG');
    expect(result.detail).toMatch(
      /^Class A4 is no longer a licence class and becomes a specialised-machinery certificate/,
    );
  });

  it('flags a class code the catalogue does not know', () => {
    const input = withLicence({
      classes: [{ class: 'B3', issuedOn: '2016-08-15', expiresOn: '2026-08-15' }],
    });
    const result = checkApplicationTypeFits(input, FIXTURE_TODAY);
    expect(result.outcome).toBe('FLAG');
    expect(result.evidence).toMatchObject({
      flags: [
        {
          key: 'checkText.APPLICATION_TYPE_FITS.unknownClass',
          params: { class: 'B3', issuedOn: '2016-08-15' },
        },
      ],
    });
  });

  describe('change of personal details', () => {
    it('passes new details that equal the citizen-ID record and differ from the card', () => {
      const result = checkApplicationTypeFits(
        detailsChange({ fullName: 'NGUYỄN VĂN AN' }, { nameOnCard: 'NGUYEN VAN AN' }),
        FIXTURE_TODAY,
      );
      expect(result.outcome).toBe('PASS');
      expect(result.detail).toBe('The new details match your citizen-ID record.');
      expect(result.evidence).toMatchObject({
        newDetails: { fullName: 'NGUYỄN VĂN AN' },
        citizenIdRecord: { fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-14' },
        onCard: { fullName: 'NGUYEN VAN AN', dateOfBirth: null },
      });
    });

    it('passes when the register does not hold what the card shows', () => {
      expect(
        checkApplicationTypeFits(detailsChange({ dateOfBirth: '1990-05-14' }), FIXTURE_TODAY).outcome,
      ).toBe('PASS');
    });

    it('fails a name that differs from the citizen-ID record, even only in diacritics', () => {
      const result = checkApplicationTypeFits(detailsChange({ fullName: 'Nguyen Van An' }), FIXTURE_TODAY);
      expect(result.outcome).toBe('FAIL');
      expect(result.detail).toBe(
        'The new name must be exactly as on your citizen-ID record, which the new card takes its details from.',
      );
    });

    it('fails a birth date that differs from the citizen-ID record', () => {
      const result = checkApplicationTypeFits(
        detailsChange({ fullName: 'Nguyễn Văn Anh', dateOfBirth: '1991-05-14' }),
        FIXTURE_TODAY,
      );
      expect(result.outcome).toBe('FAIL');
      expect(result.detail).toMatch(
        /^The new name and date of birth must be exactly as on your citizen-ID record/,
      );
    });

    it('fails a change that gives no new details', () => {
      for (const newDetails of [null, {}, { fullName: '' }]) {
        const result = checkApplicationTypeFits(detailsChange(newDetails), FIXTURE_TODAY);
        expect(result.outcome).toBe('FAIL');
        expect(result.detail).toBe('A change of personal details must give the new name or date of birth.');
      }
    });

    it('flags a change where nothing differs from the card', () => {
      const result = checkApplicationTypeFits(
        detailsChange(
          { fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-14' },
          { nameOnCard: 'NGUYỄN VĂN AN', dateOfBirthOnCard: '1990-05-14' },
        ),
        FIXTURE_TODAY,
      );
      expect(result.outcome).toBe('FLAG');
      expect(result.detail).toBe(
        'The new details are the same as those printed on card 012345678901, so nothing would change.',
      );
    });

    it('is not checked without a driver record to compare with', () => {
      const input = { ...detailsChange({ fullName: 'Nguyễn Văn An' }), driver: null };
      const result = checkApplicationTypeFits(input, FIXTURE_TODAY);
      expect(result).toMatchObject({ outcome: 'NOT_CHECKED', notCheckedBecause: 'IDENTITY_MATCH' });
      expect(result.detail).toMatch(/^Not checked: .*no driver record/);
    });
  });

  it('is not checked without the licence', () => {
    const result = checkApplicationTypeFits({ ...cleanRenewal(), licence: null }, FIXTURE_TODAY);
    expect(result).toMatchObject({ outcome: 'NOT_CHECKED', notCheckedBecause: 'LICENCE_FOUND' });
  });
});
