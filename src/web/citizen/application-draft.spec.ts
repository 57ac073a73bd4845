import {
  ApplicationDraft,
  deliveryProblems,
  formFieldOf,
  healthProblems,
  licenceProblems,
  missingBefore,
  nextStep,
  stepOfField,
  stepsFor,
  toCreateDto,
} from './application-draft';

const delivery = {
  method: 'POST' as const,
  recipientName: 'Nguyễn Văn An',
  phone: '0912345678',
  street: '12 Phố Huế',
  commune: 'Phường Hai Bà Trưng',
  provinceCode: '01',
};
const complete: ApplicationDraft = {
  type: 'RENEWAL',
  licenceNumber: '010123456789',
  healthNeed: 'REQUIRED',
  healthCertificateNumber: 'HC-1',
  photoUploadId: '00000000-0000-4000-8000-000000000001',
  delivery,
};
const keys = (problems: { field: string; key: string }[]) => problems.map((p) => `${p.field}:${p.key}`);

describe('the application draft', () => {
  it('skips the health page only when the licence is known to need no certificate', () => {
    expect(stepsFor({ healthNeed: 'NOT_NEEDED' })).toEqual(['type', 'licence', 'photo', 'delivery', 'check']);
    expect(stepsFor({ healthNeed: 'UNKNOWN' })).toContain('health');
    expect(stepsFor({})).toContain('health');
  });

  it('sends a person to the first page still to fill in', () => {
    expect(missingBefore('check', {})).toBe('type');
    expect(missingBefore('photo', { type: 'RENEWAL' })).toBe('licence');
    expect(missingBefore('check', { ...complete, healthCertificateNumber: undefined })).toBe('health');
    expect(
      missingBefore('check', { ...complete, healthNeed: 'UNKNOWN', healthCertificateNumber: undefined }),
    ).toBe(null);
    expect(missingBefore('check', complete)).toBe(null);
    expect(missingBefore('licence', { type: 'REPLACEMENT_LOST', licenceNumber: '010123456789' })).toBe(null);
    expect(missingBefore('photo', { type: 'REPLACEMENT_LOST', licenceNumber: '010123456789' })).toBe(
      'licence',
    );
  });

  it('goes on to the next page, or back to check answers when changing from there', () => {
    expect(nextStep('licence', complete, false)).toBe('photo');
    expect(nextStep('photo', { ...complete, healthNeed: 'NOT_NEEDED' }, false)).toBe('delivery');
    expect(nextStep('licence', complete, true)).toBe('check');
    // A change that opens a new question (health now required) asks it before check answers.
    expect(nextStep('licence', { ...complete, healthCertificateNumber: undefined }, true)).toBe('health');
  });

  it('asks the loss declaration and the new details only of the types that need them', () => {
    const today = '2026-11-27';
    const base = {
      licenceNumber: '010123456789',
      lostOn: '',
      circumstances: '',
      confirmed: '',
      detailsConfirmed: '',
    };
    expect(licenceProblems(base, 'RENEWAL', today)).toEqual([]);
    expect(keys(licenceProblems({ ...base, licenceNumber: '0123' }, 'RENEWAL', today))).toEqual([
      'licenceNumber:apply.licence.format',
    ]);
    expect(keys(licenceProblems(base, 'REPLACEMENT_LOST', today))).toEqual([
      'lostOn:apply.lost.lostOn.required',
      'circumstances:apply.lost.circumstances.required',
      'confirmed:apply.lost.confirmed.required',
    ]);
    expect(
      keys(
        licenceProblems(
          { ...base, lostOn: '2026-12-01', circumstances: 'bus', confirmed: 'true' },
          'REPLACEMENT_LOST',
          today,
        ),
      ),
    ).toEqual(['lostOn:apply.lost.lostOn.invalid']);
    // A change of details asks only for the confirmation of the citizen-ID record's details.
    expect(keys(licenceProblems(base, 'DETAILS_CHANGE', today))).toEqual([
      'detailsConfirmed:apply.details.confirm.required',
    ]);
    expect(licenceProblems({ ...base, detailsConfirmed: 'true' }, 'DETAILS_CHANGE', today)).toEqual([]);
  });

  it('requires a certificate number only when the licence needs one, and checks its form', () => {
    expect(keys(healthProblems({ healthCertificateNumber: '' }, 'REQUIRED'))).toEqual([
      'healthCertificateNumber:apply.health.required',
    ]);
    expect(healthProblems({ healthCertificateNumber: '' }, 'UNKNOWN')).toEqual([]);
    expect(keys(healthProblems({ healthCertificateNumber: 'no!' }, 'UNKNOWN'))).toEqual([
      'healthCertificateNumber:apply.health.format',
    ]);
  });

  it('checks the delivery fields the intake will insist on', () => {
    const codes = new Set(['01', '79']);
    expect(deliveryProblems({ ...delivery }, codes)).toEqual([]);
    expect(
      keys(
        deliveryProblems(
          { method: '', recipientName: '', phone: '12', street: '', commune: 'x', provinceCode: '99' },
          codes,
        ),
      ),
    ).toEqual([
      'method:apply.delivery.method.required',
      'recipientName:apply.delivery.recipientName.required',
      'phone:form.phone.format',
      'street:apply.delivery.street.required',
      'provinceCode:apply.delivery.provinceCode.required',
    ]);
  });

  it('builds the submission with exactly the fields its type takes', () => {
    expect(toCreateDto(complete)).toEqual({
      type: 'RENEWAL',
      licenceNumber: '010123456789',
      photoUploadId: complete.photoUploadId,
      healthCertificateNumber: 'HC-1',
      delivery,
    });
    const lost = toCreateDto({
      ...complete,
      type: 'REPLACEMENT_LOST',
      lostOn: '2026-10-01',
      circumstances: 'bus',
    });
    expect(lost.declaration).toEqual({ lostOn: '2026-10-01', circumstances: 'bus', confirmed: true });
    expect(lost.newDetails).toBeUndefined();
    // The service takes a change of details from the citizen-ID record: nothing typed is sent.
    expect(
      toCreateDto({ ...complete, type: 'DETAILS_CHANGE', detailsConfirmed: true }).newDetails,
    ).toBeUndefined();
  });

  it('maps the service field names back to the pages and fields of the form', () => {
    expect([stepOfField('delivery.provinceCode'), formFieldOf('delivery.provinceCode')]).toEqual([
      'delivery',
      'provinceCode',
    ]);
    expect([stepOfField('healthCertificateNumber'), formFieldOf('healthCertificateNumber')]).toEqual([
      'health',
      'healthCertificateNumber',
    ]);
    expect([stepOfField('photoUploadId'), formFieldOf('photoUploadId')]).toEqual(['photo', 'photo']);
    expect([stepOfField('newDetails'), formFieldOf('newDetails')]).toEqual(['licence', 'detailsConfirmed']);
  });
});
