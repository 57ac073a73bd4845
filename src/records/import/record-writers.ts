import type {
  DriverRecord,
  HealthCertificateRecord,
  LicenceRecord,
  RecordKind,
  RecordOfKind,
  VehicleRecord,
  ViolationRecord,
} from './reference-record';

/** Runs one parameterised statement (an EntityManager's `query`, bound to the batch's transaction). */
export type RunSql = (sql: string, params: unknown[]) => Promise<unknown>;

type SqlValue = string | number | boolean | null;

interface Column<R> {
  name: string;
  /** Element type of the array parameter that carries this column for every row. */
  type: 'text' | 'date' | 'bigint' | 'smallint' | 'boolean';
  /** Cast applied after unnest, for columns no array parameter can carry directly. */
  cast?: string;
  value: (row: R) => SqlValue;
}

interface TableSpec<R> {
  table: string;
  /** The natural key: the first column, and the target of ON CONFLICT. */
  columns: [Column<R>, ...Column<R>[]];
}

/**
 * One multi-row upsert per table: every column travels as one array parameter and unnest() turns the
 * arrays back into rows, so a batch of any size uses as many parameters as the table has columns —
 * far under Postgres's 65,535 — and the statement text never changes. A row is only rewritten (and
 * its updated_at moved) when a value really differs, so importing the same file again writes nothing.
 */
export function upsertSql<R>(spec: TableSpec<R>): string {
  const names = spec.columns.map((c) => c.name);
  const [key, ...rest] = names;
  const params = spec.columns.map((c, i) => `$${i + 1}::${c.type}[]`);
  const selected = spec.columns.map((c) => (c.cast ? `u.${c.name}::${c.cast}` : `u.${c.name}`));
  return [
    `INSERT INTO ${spec.table} AS t (${names.join(', ')})`,
    `SELECT ${selected.join(', ')} FROM unnest(${params.join(', ')}) AS u(${names.join(', ')})`,
    `ON CONFLICT (${key}) DO UPDATE SET ${rest.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}, updated_at = now()`,
    `WHERE (${rest.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM (${rest.map((n) => `EXCLUDED.${n}`).join(', ')})`,
  ].join('\n');
}

export function upsertParams<R>(spec: TableSpec<R>, rows: readonly R[]): SqlValue[][] {
  return spec.columns.map((column) => rows.map(column.value));
}

function upserter<R>(spec: TableSpec<R>): (run: RunSql, rows: R[]) => Promise<void> {
  const sql = upsertSql(spec);
  return async (run, rows) => {
    await run(sql, upsertParams(spec, rows));
  };
}

export const DRIVERS: TableSpec<DriverRecord> = {
  table: 'drivers',
  columns: [
    { name: 'national_id', type: 'text', value: (r) => r.nationalId },
    { name: 'full_name', type: 'text', value: (r) => r.fullName },
    { name: 'date_of_birth', type: 'date', value: (r) => r.dateOfBirth },
    { name: 'sex', type: 'text', value: (r) => r.sex },
    { name: 'phone', type: 'text', value: (r) => r.phone },
    { name: 'email', type: 'text', value: (r) => r.email },
    { name: 'street', type: 'text', value: (r) => r.street },
    { name: 'commune', type: 'text', value: (r) => r.commune },
    { name: 'province_code', type: 'text', value: (r) => r.provinceCode },
  ],
};

export const LICENCES: TableSpec<LicenceRecord> = {
  table: 'licences',
  columns: [
    { name: 'number', type: 'text', value: (r) => r.number },
    { name: 'national_id', type: 'text', value: (r) => r.nationalId },
    { name: 'card_kind', type: 'text', value: (r) => r.cardKind },
    { name: 'origin', type: 'text', value: (r) => r.origin },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'suspended_until', type: 'date', value: (r) => r.suspendedUntil },
    { name: 'status_reason', type: 'text', value: (r) => r.statusReason },
    { name: 'status_changed_on', type: 'date', value: (r) => r.statusChangedOn },
    { name: 'points', type: 'smallint', value: (r) => r.points },
    { name: 'issuing_province_code', type: 'text', value: (r) => r.issuingProvinceCode },
  ],
};

export const VEHICLES: TableSpec<VehicleRecord> = {
  table: 'vehicles',
  columns: [
    { name: 'plate', type: 'text', value: (r) => r.plate },
    { name: 'owner_national_id', type: 'text', value: (r) => r.ownerNationalId },
    { name: 'vehicle_type', type: 'text', value: (r) => r.vehicleType },
  ],
};

export const VIOLATIONS: TableSpec<ViolationRecord> = {
  table: 'violations',
  columns: [
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'plate', type: 'text', value: (r) => r.plate },
    { name: 'national_id', type: 'text', value: (r) => r.nationalId },
    { name: 'amount', type: 'bigint', value: (r) => r.amount },
    { name: 'paid', type: 'boolean', value: (r) => r.paid },
    { name: 'occurred_on', type: 'date', value: (r) => r.occurredOn },
    { name: 'description', type: 'text', value: (r) => r.description },
  ],
};

export const HEALTH_CERTIFICATES: TableSpec<HealthCertificateRecord> = {
  table: 'health_certificates',
  columns: [
    { name: 'number', type: 'text', value: (r) => r.number },
    { name: 'national_id', type: 'text', value: (r) => r.nationalId },
    { name: 'issued_on', type: 'date', value: (r) => r.issuedOn },
    { name: 'valid_until', type: 'date', value: (r) => r.validUntil },
    { name: 'result', type: 'text', value: (r) => r.result },
    // An array column cannot ride inside an array parameter; it travels as an array literal.
    { name: 'groups', type: 'text', cast: 'smallint[]', value: (r) => `{${r.groups.join(',')}}` },
    { name: 'electronic', type: 'boolean', value: (r) => r.electronic },
    { name: 'clinic', type: 'text', value: (r) => r.clinic },
  ],
};

/**
 * Makes each licence's class rows exactly those of its line: rows for classes the line no longer lists
 * are deleted, new or changed ones written, and a licence whose classes changed gets a new updated_at
 * (unless its own row was already rewritten in this transaction). Unchanged classes are left alone.
 * bpchar parameters keep the licence_classes primary-key index usable for the delete.
 */
export const REPLACE_LICENCE_CLASSES_SQL = `
WITH incoming AS (
  SELECT * FROM unnest($1::bpchar[], $2::text[], $3::date[], $4::date[], $6::boolean[])
    AS u(licence_number, class, issued_on, expires_on, automatic_only)
), removed AS (
  DELETE FROM licence_classes lc
  WHERE lc.licence_number = ANY($5::bpchar[])
    AND NOT EXISTS (
      SELECT 1 FROM incoming i WHERE i.licence_number = lc.licence_number AND i.class = lc.class
    )
  RETURNING lc.licence_number
), written AS (
  INSERT INTO licence_classes AS lc (licence_number, class, issued_on, expires_on, automatic_only)
  SELECT licence_number, class, issued_on, expires_on, automatic_only FROM incoming
  ON CONFLICT (licence_number, class) DO UPDATE
    SET issued_on = EXCLUDED.issued_on, expires_on = EXCLUDED.expires_on, automatic_only = EXCLUDED.automatic_only
    WHERE (lc.issued_on, lc.expires_on, lc.automatic_only)
      IS DISTINCT FROM (EXCLUDED.issued_on, EXCLUDED.expires_on, EXCLUDED.automatic_only)
  RETURNING lc.licence_number
)
UPDATE licences l SET updated_at = now()
WHERE l.number IN (SELECT licence_number FROM removed UNION SELECT licence_number FROM written)
  AND l.updated_at <> now()`;

export function licenceClassParams(rows: readonly LicenceRecord[]): SqlValue[][] {
  const classes = rows.flatMap((licence) => licence.classes.map((c) => ({ licence, c })));
  return [
    classes.map(({ licence }) => licence.number),
    classes.map(({ c }) => c.class),
    classes.map(({ c }) => c.issuedOn),
    classes.map(({ c }) => c.expiresOn),
    rows.map((licence) => licence.number),
    classes.map(({ c }) => c.automaticOnly ?? false),
  ];
}

const upsertLicences = upserter(LICENCES);

/** Writes one batch of one kind; the caller supplies the transaction and keys unique in `rows`. */
export const RECORD_WRITERS: {
  [K in RecordKind]: (run: RunSql, rows: RecordOfKind<K>[]) => Promise<void>;
} = {
  driver: upserter(DRIVERS),
  licence: async (run, rows) => {
    await upsertLicences(run, rows);
    await run(REPLACE_LICENCE_CLASSES_SQL, licenceClassParams(rows));
  },
  vehicle: upserter(VEHICLES),
  violation: upserter(VIOLATIONS),
  healthCertificate: upserter(HEALTH_CERTIFICATES),
};
