import type { CreateApplicationDto } from './dto/create-application.dto';
import { intakeFieldErrors } from './intake-rules';

const base: CreateApplicationDto = {
  type: 'RENEWAL',
  licenceNumber: '010123456789',
  photoUploadId: '00000000-0000-4000-8000-000000000000',
  delivery: {
    method: 'POST',
    recipientName: 'A',
    phone: '0912345678',
    street: 's',
    commune: 'c',
    provinceCode: '01',
  },
};

describe('intakeFieldErrors', () => {
  it('accepts a plain renewal', () => expect(intakeFieldErrors(base)).toEqual([]));

  it('names an unknown province', () =>
    expect(intakeFieldErrors({ ...base, delivery: { ...base.delivery, provinceCode: '99' } })).toEqual([
      expect.objectContaining({ field: 'delivery.provinceCode' }),
    ]));

  it('requires new details for a change of details, and only there', () => {
    expect(intakeFieldErrors({ ...base, type: 'DETAILS_CHANGE' })).toEqual([]); // the record's details are used
    expect(intakeFieldErrors({ ...base, type: 'DETAILS_CHANGE', newDetails: {} })[0].field).toBe(
      'newDetails',
    );
    expect(intakeFieldErrors({ ...base, type: 'DETAILS_CHANGE', newDetails: { fullName: 'B' } })).toEqual([]);
    expect(intakeFieldErrors({ ...base, newDetails: { fullName: 'B' } })[0].field).toBe('newDetails');
  });

  it('requires a declaration for a lost card, and only there', () => {
    expect(intakeFieldErrors({ ...base, type: 'REPLACEMENT_LOST' })[0].field).toBe('declaration');
    const declaration = { lostOn: '2026-10-01', circumstances: 'bus', confirmed: true as const };
    expect(intakeFieldErrors({ ...base, type: 'REPLACEMENT_LOST', declaration })).toEqual([]);
    expect(intakeFieldErrors({ ...base, declaration })[0].field).toBe('declaration');
  });
});
