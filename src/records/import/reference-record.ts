/**
 * The reference records other agencies send, as one validated NDJSON line each. A line is the whole
 * record: an optional field left out takes its default (null, DOMESTIC, 12 points, electronic) when the
 * record is upserted, just as if it had been given.
 */
export const RECORD_KINDS = ['driver', 'licence', 'vehicle', 'violation', 'healthCertificate'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const SEXES = ['M', 'F'] as const;
export const CARD_KINDS = ['PAPER', 'PET'] as const;
export const LICENCE_ORIGINS = ['DOMESTIC', 'FOREIGN', 'MILITARY'] as const;
export const LICENCE_STATUSES = ['VALID', 'SUSPENDED', 'REVOKED', 'REPLACED'] as const;
export const HEALTH_RESULTS = ['FIT', 'UNFIT'] as const;

/**
 * Licence classes a record may carry: those of the 2024 Road Traffic Order and Safety Law and the
 * older classes still printed on licences issued before 2025 (see DOMAIN.md).
 */
export const NEW_LICENCE_CLASSES = [
  'A1',
  'A',
  'B1',
  'B',
  'C1',
  'C',
  'D1',
  'D2',
  'D',
  'BE',
  'C1E',
  'CE',
  'D1E',
  'D2E',
  'DE',
] as const;
export const OLD_LICENCE_CLASSES = [
  'A1',
  'A2',
  'A3',
  'A4',
  'B1',
  'B2',
  'C',
  'D',
  'E',
  'FB2',
  'FC',
  'FD',
  'FE',
] as const;
export const KNOWN_LICENCE_CLASSES: readonly string[] = [
  ...new Set<string>([...NEW_LICENCE_CLASSES, ...OLD_LICENCE_CLASSES]),
];

export interface DriverRecord {
  kind: 'driver';
  nationalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: (typeof SEXES)[number];
  phone: string | null;
  email: string | null;
  street: string;
  commune: string;
  provinceCode: string;
}

export interface LicenceClassRecord {
  class: string;
  issuedOn: string;
  expiresOn: string | null;
  /** An old B1 limited to automatic cars. */
  automaticOnly?: boolean;
}

export interface LicenceRecord {
  kind: 'licence';
  number: string;
  nationalId: string;
  cardKind: (typeof CARD_KINDS)[number];
  origin: (typeof LICENCE_ORIGINS)[number];
  status: (typeof LICENCE_STATUSES)[number];
  suspendedUntil: string | null;
  statusReason: string | null;
  statusChangedOn: string | null;
  points: number;
  issuingProvinceCode: string;
  classes: LicenceClassRecord[];
}

export interface VehicleRecord {
  kind: 'vehicle';
  plate: string;
  ownerNationalId: string;
  vehicleType: string;
}

export interface ViolationRecord {
  kind: 'violation';
  id: string;
  plate: string | null;
  nationalId: string | null;
  amount: number;
  paid: boolean;
  occurredOn: string;
  description: string | null;
}

export interface HealthCertificateRecord {
  kind: 'healthCertificate';
  number: string;
  nationalId: string;
  issuedOn: string;
  validUntil: string;
  result: (typeof HEALTH_RESULTS)[number];
  groups: number[];
  electronic: boolean;
  clinic: string | null;
}

export type ReferenceRecord =
  DriverRecord | LicenceRecord | VehicleRecord | ViolationRecord | HealthCertificateRecord;

export type RecordOfKind<K extends RecordKind> = Extract<ReferenceRecord, { kind: K }>;

/** The natural key each agency uses: the primary key of the record's table. */
export function recordKey(record: ReferenceRecord): string {
  switch (record.kind) {
    case 'driver':
      return record.nationalId;
    case 'licence':
    case 'healthCertificate':
      return record.number;
    case 'vehicle':
      return record.plate;
    case 'violation':
      return record.id;
  }
}
