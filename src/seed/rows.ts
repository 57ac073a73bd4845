/**
 * The rows the generator produces, one interface per reference table
 * (migrations/1764230400000-ReferenceRecords.ts), with dates already as ISO `YYYY-MM-DD` strings,
 * and the column order in which they are written to COPY.
 */
export interface DriverRow {
  nationalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'M' | 'F';
  phone: string | null;
  email: string | null;
  street: string;
  commune: string;
  provinceCode: string;
}

export interface LicenceRow {
  number: string;
  nationalId: string;
  cardKind: 'PAPER' | 'PET';
  origin: 'DOMESTIC' | 'FOREIGN' | 'MILITARY';
  status: 'VALID' | 'SUSPENDED' | 'REVOKED';
  suspendedUntil: string | null;
  statusReason: string | null;
  statusChangedOn: string | null;
  points: number;
  issuingProvinceCode: string;
}

export interface LicenceClassRow {
  licenceNumber: string;
  class: string;
  issuedOn: string;
  expiresOn: string | null;
}

export interface VehicleRow {
  plate: string;
  ownerNationalId: string;
  vehicleType: 'CAR' | 'TRUCK' | 'MOTORBIKE';
}

export interface ViolationRow {
  id: string;
  plate: string | null;
  nationalId: string | null;
  amount: number;
  paid: boolean;
  occurredOn: string;
  description: string;
}

export interface HealthCertificateRow {
  number: string;
  nationalId: string;
  issuedOn: string;
  validUntil: string;
  result: 'FIT' | 'UNFIT';
  groups: number[];
  electronic: boolean;
  clinic: string;
}

export interface RowBatch {
  drivers: DriverRow[];
  licences: LicenceRow[];
  licenceClasses: LicenceClassRow[];
  vehicles: VehicleRow[];
  violations: ViolationRow[];
  healthCertificates: HealthCertificateRow[];
}

export type TableKey = keyof RowBatch;

export function emptyBatch(): RowBatch {
  return {
    drivers: [],
    licences: [],
    licenceClasses: [],
    vehicles: [],
    violations: [],
    healthCertificates: [],
  };
}

type CopyValue = string | number | boolean | null | number[];

interface TableSpec<Row> {
  table: string;
  columns: readonly string[];
  values(row: Row): CopyValue[];
}

/** Table name, columns and the values of a row in that order, for every reference table we fill. */
export const TABLES: { [K in TableKey]: TableSpec<RowBatch[K][number]> } = {
  drivers: {
    table: 'drivers',
    columns: [
      'national_id',
      'full_name',
      'date_of_birth',
      'sex',
      'phone',
      'email',
      'street',
      'commune',
      'province_code',
    ],
    values: (r) => [
      r.nationalId,
      r.fullName,
      r.dateOfBirth,
      r.sex,
      r.phone,
      r.email,
      r.street,
      r.commune,
      r.provinceCode,
    ],
  },
  licences: {
    table: 'licences',
    columns: [
      'number',
      'national_id',
      'card_kind',
      'origin',
      'status',
      'suspended_until',
      'status_reason',
      'status_changed_on',
      'points',
      'issuing_province_code',
    ],
    values: (r) => [
      r.number,
      r.nationalId,
      r.cardKind,
      r.origin,
      r.status,
      r.suspendedUntil,
      r.statusReason,
      r.statusChangedOn,
      r.points,
      r.issuingProvinceCode,
    ],
  },
  licenceClasses: {
    table: 'licence_classes',
    columns: ['licence_number', 'class', 'issued_on', 'expires_on'],
    values: (r) => [r.licenceNumber, r.class, r.issuedOn, r.expiresOn],
  },
  vehicles: {
    table: 'vehicles',
    columns: ['plate', 'owner_national_id', 'vehicle_type'],
    values: (r) => [r.plate, r.ownerNationalId, r.vehicleType],
  },
  violations: {
    table: 'violations',
    columns: ['id', 'plate', 'national_id', 'amount', 'paid', 'occurred_on', 'description'],
    values: (r) => [r.id, r.plate, r.nationalId, r.amount, r.paid, r.occurredOn, r.description],
  },
  healthCertificates: {
    table: 'health_certificates',
    columns: [
      'number',
      'national_id',
      'issued_on',
      'valid_until',
      'result',
      'groups',
      'electronic',
      'clinic',
    ],
    values: (r) => [
      r.number,
      r.nationalId,
      r.issuedOn,
      r.validUntil,
      r.result,
      r.groups,
      r.electronic,
      r.clinic,
    ],
  },
};

/** Load order: parents before children (licence_classes references licences). */
export const TABLE_KEYS: readonly TableKey[] = [
  'drivers',
  'licences',
  'licenceClasses',
  'vehicles',
  'violations',
  'healthCertificates',
];

/** The reference tables a seed fills (and `--replace` empties); provinces is never touched. */
export const REFERENCE_TABLES: readonly string[] = TABLE_KEYS.map((key) => TABLES[key].table);

// COPY text format: tab-separated, \N for null, and backslash escapes for the few special characters.
const SPECIAL = /[\\\t\n\r]/;

function copyText(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `{${value.join(',')}}`;
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** The rows of one table as COPY text (one line per row). */
export function toCopyText<K extends TableKey>(key: K, rows: RowBatch[K]): string {
  const spec = TABLES[key] as TableSpec<RowBatch[K][number]>;
  let text = '';
  for (const row of rows) text += spec.values(row).map(copyText).join('\t') + '\n';
  return text;
}

export function copyStatement(key: TableKey): string {
  const spec = TABLES[key];
  return `COPY ${spec.table} (${spec.columns.join(', ')}) FROM STDIN`;
}
