import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nationalIdDisagreement, parseRecordLine } from './parse-record-line';
import { KNOWN_LICENCE_CLASSES, NEW_LICENCE_CLASSES, OLD_LICENCE_CLASSES } from './reference-record';

// The example lines of API.md, "Reference records", with a real province code for <code>.
const EXAMPLES = {
  driver: {
    kind: 'driver',
    nationalId: '001090012345',
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '1990-05-12',
    sex: 'M',
    phone: '0912345678',
    address: { street: '12 Phố Huế', commune: 'Phường Hai Bà Trưng', provinceCode: '01' },
  },
  licence: {
    kind: 'licence',
    number: '010123456789',
    nationalId: '001090012345',
    cardKind: 'PET',
    status: 'VALID',
    suspendedUntil: null,
    points: 12,
    issuingProvinceCode: '01',
    classes: [{ class: 'B', issuedOn: '2016-05-01', expiresOn: '2026-05-01' }],
  },
  vehicle: { kind: 'vehicle', plate: '29A-123.45', ownerNationalId: '001090012345', vehicleType: 'CAR' },
  violation: {
    kind: 'violation',
    id: 'V-2026-000001',
    plate: '29A-123.45',
    nationalId: null,
    amount: 800000,
    paid: false,
    occurredOn: '2026-01-02',
  },
  healthCertificate: {
    kind: 'healthCertificate',
    number: 'HC-2026-000001',
    nationalId: '001090012345',
    issuedOn: '2026-06-01',
    validUntil: '2027-06-01',
    result: 'FIT',
    groups: [1, 2, 3],
  },
};
type Kind = keyof typeof EXAMPLES;

/** An example line with `change` applied; a value of undefined removes the field. */
function line(kind: Kind, change: Record<string, unknown> = {}): string {
  const record: Record<string, unknown> = { ...EXAMPLES[kind], ...change };
  for (const [key, value] of Object.entries(change)) if (value === undefined) delete record[key];
  return JSON.stringify(record);
}

function errorOf(text: string): string {
  const parsed = parseRecordLine(text);
  if (parsed.ok) throw new Error(`expected a refusal, got ${JSON.stringify(parsed.record)}`);
  return parsed.error;
}

describe('parseRecordLine', () => {
  it.each(Object.keys(EXAMPLES) as Kind[])('accepts the API.md example %s line', (kind) => {
    const parsed = parseRecordLine(line(kind));
    expect(parsed).toMatchObject({ ok: true, record: { kind } });
  });

  it('accepts every example line of the README, one per kind', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Reference records'));
    const examples = section.split('```')[1].trim().split('\n');
    const kinds = examples.map((text) => {
      const parsed = parseRecordLine(text);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.record.kind;
    });
    expect(kinds).toEqual(['driver', 'licence', 'vehicle', 'violation', 'healthCertificate']);
  });

  it('maps a driver line to its columns, with optional fields as null', () => {
    expect(parseRecordLine(line('driver'))).toEqual({
      ok: true,
      record: {
        kind: 'driver',
        nationalId: '001090012345',
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1990-05-12',
        sex: 'M',
        phone: '0912345678',
        email: null,
        street: '12 Phố Huế',
        commune: 'Phường Hai Bà Trưng',
        provinceCode: '01',
      },
    });
  });

  it('fills the documented defaults: origin DOMESTIC, 12 points, electronic certificate', () => {
    const licence = parseRecordLine(line('licence', { points: undefined }));
    expect(licence).toMatchObject({
      ok: true,
      record: { origin: 'DOMESTIC', points: 12, statusReason: null },
    });
    const certificate = parseRecordLine(line('healthCertificate'));
    expect(certificate).toMatchObject({ ok: true, record: { electronic: true, clinic: null } });
    const military = parseRecordLine(line('licence', { origin: 'MILITARY' }));
    expect(military).toMatchObject({ ok: true, record: { origin: 'MILITARY' } });
  });

  it('trims free text and stores it NFC-normalised, so decomposed diacritics compare equal', () => {
    const decomposed = '  Nguyễn Văn An '.normalize('NFD');
    expect(parseRecordLine(line('driver', { fullName: decomposed }))).toMatchObject({
      ok: true,
      record: { fullName: 'Nguyễn Văn An' },
    });
  });

  it('accepts every new and old licence class, and a class without expiry', () => {
    expect(KNOWN_LICENCE_CLASSES).toEqual(
      expect.arrayContaining([...NEW_LICENCE_CLASSES, ...OLD_LICENCE_CLASSES]),
    );
    for (const name of KNOWN_LICENCE_CLASSES) {
      const classes = [{ class: name, issuedOn: '2010-01-01', expiresOn: null }];
      expect(parseRecordLine(line('licence', { classes }))).toMatchObject({ ok: true });
    }
  });

  it('accepts a motorbike plate and a violation known only by the holder', () => {
    expect(parseRecordLine(line('vehicle', { plate: '29-B1 123.45' }))).toMatchObject({ ok: true });
    const byHolder = line('violation', { plate: null, nationalId: '001090012345' });
    expect(parseRecordLine(byHolder)).toMatchObject({ ok: true, record: { plate: null } });
  });

  it.each([
    ['bad JSON', '{"kind":"driver",', /^the line is not valid JSON \(/],
    ['a JSON array', '[1,2]', /^the line must be a JSON object \(got \[1,2\]\)$/],
    [
      'unknown kind',
      line('driver', { kind: 'car' }),
      /^kind must be one of driver, licence, .* \(got "car"\)$/,
    ],
    ['missing kind', line('driver', { kind: undefined }), /^kind must be one of .* \(it is missing\)$/],
    [
      'an 11-digit ID',
      line('driver', { nationalId: '00109001234' }),
      /^driver\.nationalId must be 12 digits \(got "00109001234"\)$/,
    ],
    [
      'an ID with a letter',
      line('licence', { nationalId: '00109001234X' }),
      /^licence\.nationalId must be 12 digits/,
    ],
    [
      'a 13-digit licence number',
      line('licence', { number: '0101234567890' }),
      /^licence\.number must be at most 12 characters/,
    ],
    [
      'an ID against the birth year',
      line('driver', { dateOfBirth: '1991-05-12' }),
      /^driver\.nationalId does not agree with dateOfBirth 1991-05-12 and sex M: .* male, born 1990/,
    ],
    [
      'an ID against the sex',
      line('driver', { sex: 'F' }),
      /^driver\.nationalId does not agree with .* sex F/,
    ],
    [
      'an impossible date',
      line('licence', { classes: [{ class: 'B', issuedOn: '2016-05-01', expiresOn: '2026-13-01' }] }),
      /^licence\.classes\[0\]\.expiresOn is not a date \(got "2026-13-01"\)$/,
    ],
    [
      '30 February',
      line('driver', { dateOfBirth: '1990-02-30' }),
      /^driver\.dateOfBirth is not a date \(got "1990-02-30"\)$/,
    ],
    [
      'a date with a time',
      line('violation', { occurredOn: '2026-01-02T10:00:00Z' }),
      /^violation\.occurredOn is not a date of the form YYYY-MM-DD/,
    ],
    [
      'a date out of range',
      line('violation', { occurredOn: '1800-01-01' }),
      /^violation\.occurredOn must be between 1900-01-01 and 2100-12-31/,
    ],
    [
      'an expiry before issue',
      line('licence', { classes: [{ class: 'B', issuedOn: '2016-05-01', expiresOn: '2015-05-01' }] }),
      /^licence\.classes\[0\]\.expiresOn must not be before issuedOn 2016-05-01/,
    ],
    [
      'validity ending before issue',
      line('healthCertificate', { validUntil: '2026-05-31' }),
      /^healthCertificate\.validUntil must not be before issuedOn/,
    ],
    ['sex X', line('driver', { sex: 'X' }), /^driver\.sex must be one of M, F \(got "X"\)$/],
    [
      'unknown province',
      line('driver', { address: { ...EXAMPLES.driver.address, provinceCode: '99' } }),
      /^driver\.address\.provinceCode is not one of the 34 province codes .* \(got "99"\)$/,
    ],
    [
      'a pre-2025 three-digit province code',
      line('licence', { issuingProvinceCode: '001' }),
      /^licence\.issuingProvinceCode must be at most 2 characters/,
    ],
    [
      'unknown class',
      line('licence', { classes: [{ class: 'Z9', issuedOn: '2016-05-01' }] }),
      /^licence\.classes\[0\]\.class is not a licence class \(known: A1, A, .*\) \(got "Z9"\)$/,
    ],
    [
      'a class listed twice',
      line('licence', {
        classes: [
          { class: 'B', issuedOn: '2016-05-01' },
          { class: 'B', issuedOn: '2017-05-01' },
        ],
      }),
      /^licence\.classes\[1\]\.class appears twice/,
    ],
    ['no classes', line('licence', { classes: [] }), /^licence\.classes must not be empty/],
    [
      'unknown status',
      line('licence', { status: 'EXPIRED' }),
      /^licence\.status must be one of VALID, SUSPENDED, REVOKED, REPLACED \(got "EXPIRED"\)$/,
    ],
    [
      'a suspension without end',
      line('licence', { status: 'SUSPENDED' }),
      /^licence\.suspendedUntil is missing: a SUSPENDED licence needs/,
    ],
    [
      'unknown origin',
      line('licence', { origin: 'ALIEN' }),
      /^licence\.origin must be one of DOMESTIC, FOREIGN, MILITARY/,
    ],
    ['13 points', line('licence', { points: 13 }), /^licence\.points must be at most 12 \(got 13\)$/],
    [
      'fractional points',
      line('licence', { points: 11.5 }),
      /^licence\.points must be a whole number \(got 11\.5\)$/,
    ],
    [
      'negative amount',
      line('violation', { amount: -1 }),
      /^violation\.amount must be at least 0 \(got -1\)$/,
    ],
    [
      'amount as text',
      line('violation', { amount: '800000' }),
      /^violation\.amount must be a whole number \(got "800000"\)$/,
    ],
    [
      'neither plate nor holder',
      line('violation', { plate: null }),
      /^violation\.plate is missing: a violation needs a plate, a nationalId, or both$/,
    ],
    [
      'paid as text',
      line('violation', { paid: 'no' }),
      /^violation\.paid must be true or false \(got "no"\)$/,
    ],
    [
      'a malformed plate',
      line('vehicle', { plate: 'ABC-123' }),
      /^vehicle\.plate must be a plate such as 29A-123\.45/,
    ],
    [
      'missing owner',
      line('vehicle', { ownerNationalId: undefined }),
      /^vehicle\.ownerNationalId is missing$/,
    ],
    ['missing full name', line('driver', { fullName: undefined }), /^driver\.fullName is missing$/],
    ['a blank full name', line('driver', { fullName: '   ' }), /^driver\.fullName must not be empty/],
    ['missing address', line('driver', { address: undefined }), /^driver\.address is missing$/],
    ['an address as text', line('driver', { address: '12 Phố Huế' }), /^driver\.address must be an object/],
    [
      'a name as a number',
      line('driver', { fullName: 42 }),
      /^driver\.fullName must be a string \(got 42\)$/,
    ],
    [
      'a NUL character',
      line('driver', { fullName: 'An\u0000' }),
      /^driver\.fullName must not contain a NUL character/,
    ],
    ['a bad phone', line('driver', { phone: '091-234' }), /^driver\.phone must be a phone number/],
    [
      'a misspelt field',
      line('licence', { orign: 'MILITARY' }),
      /^licence\.orign is not a field of a licence record \(allowed: /,
    ],
    [
      'group as text',
      line('healthCertificate', { groups: ['1'] }),
      /^healthCertificate\.groups\[0\] must be a health group 1, 2 or 3 \(got "1"\)$/,
    ],
    [
      'group 4',
      line('healthCertificate', { groups: [4] }),
      /^healthCertificate\.groups\[0\] must be a health group/,
    ],
    [
      'a group twice',
      line('healthCertificate', { groups: [1, 1] }),
      /^healthCertificate\.groups lists a group twice/,
    ],
    [
      'unknown result',
      line('healthCertificate', { result: 'OK' }),
      /^healthCertificate\.result must be one of FIT, UNFIT/,
    ],
    [
      'electronic as text',
      line('healthCertificate', { electronic: 'yes' }),
      /^healthCertificate\.electronic must be true or false/,
    ],
    [
      'a certificate number with spaces',
      line('healthCertificate', { number: 'HC 1' }),
      /^healthCertificate\.number must be letters, digits/,
    ],
  ])('refuses %s, naming the field', (_case, text, expected) => {
    expect(errorOf(text)).toMatch(expected);
  });

  it('shortens a huge offending value in the message', () => {
    const message = errorOf(line('driver', { fullName: 'x'.repeat(10_000) }));
    expect(message.length).toBeLessThan(200);
  });
});

describe('nationalIdDisagreement', () => {
  it.each([
    ['001090012345', '1990-05-12', 'M', null],
    ['079301000123', '2001-03-04', 'F', null],
    ['079201000123', '2001-03-04', 'M', null],
    ['001190012345', '1990-05-12', 'F', null],
  ] as const)('accepts %s for %s %s', (id, dob, sex, expected) => {
    expect(nationalIdDisagreement(id, dob, sex)).toBe(expected);
  });

  it.each([
    ['001090012345', '1990-05-12', 'F'],
    ['001090012345', '2090-05-12', 'M'],
    ['001290012345', '1990-05-12', 'M'],
  ] as const)('refuses %s for %s %s', (id, dob, sex) => {
    expect(nationalIdDisagreement(id, dob, sex)).toMatch(/^does not agree with/);
  });
});

describe('automatic-only B1 classes', () => {
  const line = (cls: object) =>
    JSON.stringify({
      kind: 'licence',
      number: '010123456789',
      nationalId: '001090012345',
      cardKind: 'PAPER',
      status: 'VALID',
      issuingProvinceCode: '01',
      classes: [{ class: 'B1', issuedOn: '2010-05-01', expiresOn: '2030-05-12', ...cls }],
    });

  it('reads the limit of an old B1 to automatic cars', () => {
    const parsed = parseRecordLine(line({ automaticOnly: true }));
    expect(parsed).toMatchObject({ ok: true, record: { classes: [{ class: 'B1', automaticOnly: true }] } });
  });

  it('refuses the limit on any other class, naming the field', () => {
    expect(errorOf(line({ class: 'B2', automaticOnly: true }))).toMatch(
      /classes\[0\]\.automaticOnly .*only an old B1/,
    );
  });
});
