import { CITIZEN_ID_PATTERN, citizenIdConsistency, parseNationalId } from '../../common/citizen-id';
import { PROVINCE_CODES } from '../provinces.data';
import { FieldReader, isJsonObject, LineProblem, shown, TextRule } from './field-reader';
import {
  CARD_KINDS,
  DriverRecord,
  HEALTH_RESULTS,
  HealthCertificateRecord,
  KNOWN_LICENCE_CLASSES,
  LICENCE_ORIGINS,
  LICENCE_STATUSES,
  LicenceClassRecord,
  LicenceRecord,
  RECORD_KINDS,
  RecordKind,
  ReferenceRecord,
  SEXES,
  VehicleRecord,
  ViolationRecord,
} from './reference-record';

/** One NDJSON line, parsed: a record ready to upsert, or the reason it cannot be loaded. */
export type ParsedLine = { ok: true; record: ReferenceRecord } | { ok: false; error: string };

const TWELVE_DIGITS: TextRule = { maxLength: 12, pattern: /^\d{12}$/, expected: '12 digits' };
const CITIZEN_ID: TextRule = {
  maxLength: 12,
  pattern: CITIZEN_ID_PATTERN,
  expected: '12 digits',
};
const AGENCY_ID: TextRule = {
  maxLength: 64,
  pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
  expected: 'letters, digits and . _ / - only, e.g. V-2026-000001',
};
// Province code, optional dash, series (letters, maybe a digit), then the serial: 29A-123.45, 29-B1 123.45.
const PLATE: TextRule = {
  maxLength: 20,
  pattern: /^\d{2}-?[A-ZĐ]{1,2}\d{0,2}[- ]?\d{3,5}(\.\d{2})?$/,
  expected: 'a plate such as 29A-123.45 or 29-B1 123.45',
};
const PHONE: TextRule = {
  maxLength: 16,
  pattern: /^\+?\d{8,15}$/,
  expected: 'a phone number of 8 to 15 digits, + allowed first',
};
const EMAIL: TextRule = {
  maxLength: 254,
  pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  expected: 'an e-mail address',
};
const VEHICLE_TYPE: TextRule = {
  maxLength: 40,
  pattern: /^[A-Z][A-Z_]+$/,
  expected: 'a type in capitals, e.g. CAR or MOTORBIKE',
};
const freeText = (maxLength: number): TextRule => ({ maxLength, freeText: true });

const MAX_CLASSES_PER_LICENCE = 30;
const HEALTH_GROUPS = [1, 2, 3];

/** Parses and validates one line of a reference-records file. Pure: no I/O, no clock. */
export function parseRecordLine(line: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { ok: false, error: `the line is not valid JSON (${(error as Error).message})` };
  }
  if (!isJsonObject(json)) return { ok: false, error: `the line must be a JSON object (got ${shown(json)})` };
  const kind = json.kind;
  if (typeof kind !== 'string' || !(RECORD_KINDS as readonly string[]).includes(kind)) {
    const got = kind === undefined ? 'it is missing' : `got ${shown(kind)}`;
    return { ok: false, error: `kind must be one of ${RECORD_KINDS.join(', ')} (${got})` };
  }
  try {
    return { ok: true, record: READERS[kind as RecordKind](new FieldReader(json, kind)) };
  } catch (error) {
    if (error instanceof LineProblem) return { ok: false, error: error.message };
    throw error;
  }
}

const READERS: { [K in RecordKind]: (fields: FieldReader) => ReferenceRecord } = {
  driver: readDriver,
  licence: readLicence,
  vehicle: readVehicle,
  violation: readViolation,
  healthCertificate: readHealthCertificate,
};

function provinceCode(fields: FieldReader, field: string): string {
  const code = fields.text(field, {
    maxLength: 2,
    pattern: /^\d{2}$/,
    expected: 'a two-digit province code',
  });
  if (!PROVINCE_CODES.has(code)) {
    fields.refuse(field, 'is not one of the 34 province codes listed by GET /api/v1/provinces', code);
  }
  return code;
}

function readDriver(fields: FieldReader): DriverRecord {
  fields.allowOnly(['kind', 'nationalId', 'fullName', 'dateOfBirth', 'sex', 'phone', 'email', 'address']);
  const nationalId = fields.text('nationalId', CITIZEN_ID);
  const dateOfBirth = fields.date('dateOfBirth');
  const sex = fields.oneOf('sex', SEXES);
  const disagreement = nationalIdDisagreement(nationalId, dateOfBirth, sex);
  if (disagreement) fields.refuse('nationalId', disagreement, nationalId);
  const address = fields.object('address');
  address.allowOnly(['street', 'commune', 'provinceCode']);
  return {
    kind: 'driver',
    nationalId,
    fullName: fields.text('fullName', freeText(200)),
    dateOfBirth,
    sex,
    phone: fields.optionalText('phone', PHONE),
    email: fields.optionalText('email', EMAIL),
    street: address.text('street', freeText(300)),
    commune: address.text('commune', freeText(200)),
    provinceCode: provinceCode(address, 'provinceCode'),
  };
}

/**
 * A record whose citizen ID disagrees with its birth date and sex is a mistyped ID or a mistyped birth
 * date; either would later refuse the citizen, so it is caught here (rules: common/citizen-id.ts).
 */
export function nationalIdDisagreement(
  nationalId: string,
  dateOfBirth: string,
  sex: 'M' | 'F',
): string | null {
  const found = citizenIdConsistency(nationalId, dateOfBirth, sex);
  if (found.length === 0) return null;
  const parts = parseNationalId(nationalId);
  const said = parts
    ? `${parts.sex === 'M' ? 'male' : 'female'}, born ${parts.birthYear}`
    : 'not a citizen ID';
  return `does not agree with dateOfBirth ${dateOfBirth} and sex ${sex}: its digits 4–6 say ${said}`;
}

function readLicence(fields: FieldReader): LicenceRecord {
  fields.allowOnly([
    'kind',
    'number',
    'nationalId',
    'cardKind',
    'origin',
    'status',
    'suspendedUntil',
    'statusReason',
    'statusChangedOn',
    'points',
    'issuingProvinceCode',
    'classes',
  ]);
  const number = fields.text('number', TWELVE_DIGITS);
  const nationalId = fields.text('nationalId', CITIZEN_ID);
  const cardKind = fields.oneOf('cardKind', CARD_KINDS);
  const origin = fields.optionalOneOf('origin', LICENCE_ORIGINS, 'DOMESTIC');
  const status = fields.oneOf('status', LICENCE_STATUSES);
  const suspendedUntil = fields.optionalDate('suspendedUntil');
  if (status === 'SUSPENDED' && suspendedUntil === null) {
    fields.refuse('suspendedUntil', 'is missing: a SUSPENDED licence needs the date its suspension ends');
  }
  const classes = fields.array('classes', { maxItems: MAX_CLASSES_PER_LICENCE }, readLicenceClass);
  const seen = new Set<string>();
  classes.forEach((c, index) => {
    if (seen.has(c.class)) fields.refuse(`classes[${index}].class`, 'appears twice in this licence', c.class);
    seen.add(c.class);
  });
  return {
    kind: 'licence',
    number,
    nationalId,
    cardKind,
    origin,
    status,
    suspendedUntil,
    statusReason: fields.optionalText('statusReason', freeText(500)),
    statusChangedOn: fields.optionalDate('statusChangedOn'),
    points: fields.optionalInteger('points', { min: 0, max: 12 }, 12),
    issuingProvinceCode: provinceCode(fields, 'issuingProvinceCode'),
    classes,
  };
}

function readLicenceClass(value: unknown, path: string): LicenceClassRecord {
  if (!isJsonObject(value)) throw new LineProblem(`${path} must be an object (got ${shown(value)})`);
  const fields = new FieldReader(value, path);
  fields.allowOnly(['class', 'issuedOn', 'expiresOn', 'automaticOnly']);
  const className = fields.text('class', { maxLength: 4 });
  if (!KNOWN_LICENCE_CLASSES.includes(className)) {
    fields.refuse('class', `is not a licence class (known: ${KNOWN_LICENCE_CLASSES.join(', ')})`, className);
  }
  const issuedOn = fields.date('issuedOn');
  const expiresOn =
    value.expiresOn === undefined || value.expiresOn === null
      ? null
      : fields.dateNotBefore('expiresOn', { field: 'issuedOn', value: issuedOn });
  // Old B1 cards could be limited to automatic cars; the limit carries onto the new card (DOMAIN.md).
  const automaticOnly = fields.optionalBoolean('automaticOnly', false);
  if (automaticOnly && className !== 'B1') {
    fields.refuse('automaticOnly', 'only an old B1 class can be limited to automatic cars', automaticOnly);
  }
  return { class: className, issuedOn, expiresOn, ...(automaticOnly ? { automaticOnly } : {}) };
}

function readVehicle(fields: FieldReader): VehicleRecord {
  fields.allowOnly(['kind', 'plate', 'ownerNationalId', 'vehicleType']);
  return {
    kind: 'vehicle',
    plate: fields.text('plate', PLATE),
    ownerNationalId: fields.text('ownerNationalId', TWELVE_DIGITS),
    vehicleType: fields.text('vehicleType', VEHICLE_TYPE),
  };
}

function readViolation(fields: FieldReader): ViolationRecord {
  fields.allowOnly(['kind', 'id', 'plate', 'nationalId', 'amount', 'paid', 'occurredOn', 'description']);
  const id = fields.text('id', AGENCY_ID);
  const plate = fields.optionalText('plate', PLATE);
  const nationalId = fields.optionalText('nationalId', TWELVE_DIGITS);
  if (plate === null && nationalId === null) {
    fields.refuse('plate', 'is missing: a violation needs a plate, a nationalId, or both');
  }
  return {
    kind: 'violation',
    id,
    plate,
    nationalId,
    amount: fields.integer('amount', { min: 0, max: Number.MAX_SAFE_INTEGER }),
    paid: fields.boolean('paid'),
    occurredOn: fields.date('occurredOn'),
    description: fields.optionalText('description', freeText(1000)),
  };
}

function readHealthCertificate(fields: FieldReader): HealthCertificateRecord {
  fields.allowOnly([
    'kind',
    'number',
    'nationalId',
    'issuedOn',
    'validUntil',
    'result',
    'groups',
    'electronic',
    'clinic',
  ]);
  const number = fields.text('number', AGENCY_ID);
  const nationalId = fields.text('nationalId', CITIZEN_ID);
  const issuedOn = fields.date('issuedOn');
  const validUntil = fields.dateNotBefore('validUntil', { field: 'issuedOn', value: issuedOn });
  const result = fields.oneOf('result', HEALTH_RESULTS);
  const groups = fields.array('groups', { maxItems: HEALTH_GROUPS.length }, (value, path) => {
    if (typeof value !== 'number' || !HEALTH_GROUPS.includes(value)) {
      throw new LineProblem(`${path} must be a health group 1, 2 or 3 (got ${shown(value)})`);
    }
    return value;
  });
  if (new Set(groups).size !== groups.length) fields.refuse('groups', 'lists a group twice', groups);
  return {
    kind: 'healthCertificate',
    number,
    nationalId,
    issuedOn,
    validUntil,
    result,
    groups,
    electronic: fields.optionalBoolean('electronic', true),
    clinic: fields.optionalText('clinic', freeText(200)),
  };
}
