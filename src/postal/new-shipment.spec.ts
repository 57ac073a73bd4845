import { DomainError } from '../common/errors/domain-error';
import { checkContentsReveal, NewShipment, validateNewShipment } from './new-shipment';

const good: NewShipment = {
  applicationId: '7d9f3c1e-2b4a-4c8e-9f1a-0b2c3d4e5f60',
  recipient: {
    name: 'Nguyễn Văn An',
    phone: '0912345678',
    street: '12 Phố Huế',
    commune: 'Phường Hai Bà Trưng',
    provinceCode: '01',
  },
  contents: 'PET-0001234',
  cashOnDelivery: 0,
  originOffice: '01',
};

function fieldsRefused(s: NewShipment): string[] {
  try {
    validateNewShipment(s);
    return [];
  } catch (error) {
    return ((error as DomainError).extra.errors ?? []).map((e) => e.field);
  }
}

describe('validateNewShipment', () => {
  it('accepts a complete shipment, prepaid or cash on delivery', () => {
    expect(fieldsRefused(good)).toEqual([]);
    expect(fieldsRefused({ ...good, cashOnDelivery: 35000 })).toEqual([]);
    expect(fieldsRefused({ ...good, contents: 'VN202600000001' })).toEqual([]); // issuance's serials
  });

  it.each([
    ['licence details as contents', { contents: 'B licence 010123456789' }, 'contents'],
    ['lower-case contents', { contents: 'pet-1' }, 'contents'],
    ['empty contents', { contents: '' }, 'contents'],
    ['a negative amount', { cashOnDelivery: -1 }, 'cashOnDelivery'],
    ['a fractional amount', { cashOnDelivery: 1.5 }, 'cashOnDelivery'],
    ['an origin that is not a province code', { originOffice: 'HN' }, 'originOffice'],
    ['an application id that is not a UUID', { applicationId: '42' }, 'applicationId'],
  ])('refuses %s', (_, patch, field) => {
    expect(fieldsRefused({ ...good, ...patch })).toEqual([field]);
  });

  it('names every recipient field that is wrong', () => {
    const refused = fieldsRefused({
      ...good,
      recipient: { name: ' ', phone: '12345', street: '', commune: 'x', provinceCode: '1' },
    });
    expect(refused).toEqual([
      'recipient.name',
      'recipient.phone',
      'recipient.street',
      'recipient.provinceCode',
    ]);
  });
});

describe('checkContentsReveal', () => {
  const ids = { nationalId: '001090012345', licenceNumber: '010123456789' };
  it('refuses contents that show the citizen ID or the licence number', () => {
    expect(() => checkContentsReveal('001090012345', ids)).toThrow(/not the citizen ID or licence number/);
    expect(() => checkContentsReveal('PET-010123456789', ids)).toThrow(DomainError);
  });
  it('lets a card serial through', () => {
    expect(() => checkContentsReveal('VN202600000001', ids)).not.toThrow();
  });
});
