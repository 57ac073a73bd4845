import { copyStatement, REFERENCE_TABLES, toCopyText } from './rows';

describe('COPY text', () => {
  it('writes tab-separated columns, \\N for null, t/f, and arrays in braces', () => {
    const text = toCopyText('healthCertificates', [
      {
        number: 'HC-1',
        nationalId: '001085012345',
        issuedOn: '2026-01-02',
        validUntil: '2027-01-02',
        result: 'FIT',
        groups: [2, 3],
        electronic: false,
        clinic: 'Bệnh viện',
      },
    ]);
    expect(text).toBe('HC-1\t001085012345\t2026-01-02\t2027-01-02\tFIT\t{2,3}\tf\tBệnh viện\n');
    const violation = toCopyText('violations', [
      {
        id: 'V-1',
        plate: null,
        nationalId: '1',
        amount: 500000,
        paid: true,
        occurredOn: '2026-01-01',
        description: 'x',
      },
    ]);
    expect(violation).toBe('V-1\t\\N\t1\t500000\tt\t2026-01-01\tx\n');
  });

  it('escapes backslashes, tabs and line breaks inside values', () => {
    const text = toCopyText('vehicles', [
      { plate: 'a\\b\tc\nd\re', ownerNationalId: '1', vehicleType: 'CAR' },
    ]);
    expect(text).toBe('a\\\\b\\tc\\nd\\re\t1\tCAR\n');
  });

  it('names the columns in the COPY statement and never touches provinces', () => {
    expect(copyStatement('licenceClasses')).toBe(
      'COPY licence_classes (licence_number, class, issued_on, expires_on) FROM STDIN',
    );
    expect(REFERENCE_TABLES).not.toContain('provinces');
    expect(REFERENCE_TABLES).toHaveLength(6);
  });
});
