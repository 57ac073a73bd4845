import { MigrationInterface, QueryRunner } from 'typeorm';
import { PROVINCES } from '../src/records/provinces.data';

/**
 * The national reference records that arrive from other agencies: drivers, licences (one row per class
 * held), vehicles, traffic violations, electronic health certificates, and the 34 provinces.
 * Natural keys throughout, so imports upsert by the identifiers the agencies use; no foreign keys
 * between agency records, because their files arrive in any order.
 */
export class ReferenceRecords1764230400000 implements MigrationInterface {
  name = 'ReferenceRecords1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE provinces (
        code char(2) PRIMARY KEY,
        name text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('CITY', 'PROVINCE')),
        legacy_codes char(3)[] NOT NULL DEFAULT '{}'
      )`);
    for (const p of PROVINCES) {
      await q.query(`INSERT INTO provinces (code, name, kind, legacy_codes) VALUES ($1, $2, $3, $4)`, [
        p.code,
        p.name,
        p.kind,
        p.legacyCodes,
      ]);
    }
    await q.query(`
      CREATE TABLE drivers (
        national_id char(12) PRIMARY KEY CHECK (national_id ~ '^[0-9]{12}$'),
        full_name text NOT NULL,
        date_of_birth date NOT NULL,
        sex char(1) NOT NULL CHECK (sex IN ('M', 'F')),
        phone text,
        email text,
        street text NOT NULL,
        commune text NOT NULL,
        province_code char(2) NOT NULL REFERENCES provinces(code),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE licences (
        number char(12) PRIMARY KEY CHECK (number ~ '^[0-9]{12}$'),
        national_id char(12) NOT NULL,
        card_kind text NOT NULL CHECK (card_kind IN ('PAPER', 'PET')),
        origin text NOT NULL DEFAULT 'DOMESTIC' CHECK (origin IN ('DOMESTIC', 'FOREIGN', 'MILITARY')),
        status text NOT NULL CHECK (status IN ('VALID', 'SUSPENDED', 'REVOKED', 'REPLACED')),
        suspended_until date,
        status_reason text,
        status_changed_on date,
        points smallint NOT NULL DEFAULT 12 CHECK (points BETWEEN 0 AND 12),
        issuing_province_code char(2) NOT NULL REFERENCES provinces(code),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX licences_national_id_idx ON licences (national_id)`);
    await q.query(`
      CREATE TABLE licence_classes (
        licence_number char(12) NOT NULL REFERENCES licences(number) ON DELETE CASCADE,
        class text NOT NULL,
        issued_on date NOT NULL,
        expires_on date,
        PRIMARY KEY (licence_number, class)
      )`);
    await q.query(`
      CREATE TABLE vehicles (
        plate text PRIMARY KEY,
        owner_national_id char(12) NOT NULL,
        vehicle_type text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX vehicles_owner_idx ON vehicles (owner_national_id)`);
    await q.query(`
      CREATE TABLE violations (
        id text PRIMARY KEY,
        plate text,
        national_id char(12),
        amount bigint NOT NULL CHECK (amount >= 0),
        paid boolean NOT NULL,
        occurred_on date NOT NULL,
        description text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (plate IS NOT NULL OR national_id IS NOT NULL)
      )`);
    // The eligibility check only ever asks for unpaid violations.
    await q.query(`CREATE INDEX violations_unpaid_plate_idx ON violations (plate) WHERE NOT paid`);
    await q.query(
      `CREATE INDEX violations_unpaid_national_id_idx ON violations (national_id) WHERE NOT paid`,
    );
    await q.query(`
      CREATE TABLE health_certificates (
        number text PRIMARY KEY,
        national_id char(12) NOT NULL,
        issued_on date NOT NULL,
        valid_until date NOT NULL,
        result text NOT NULL CHECK (result IN ('FIT', 'UNFIT')),
        groups smallint[] NOT NULL,
        electronic boolean NOT NULL DEFAULT true,
        clinic text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX health_certificates_national_id_idx ON health_certificates (national_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE health_certificates`);
    await q.query(`DROP TABLE violations`);
    await q.query(`DROP TABLE vehicles`);
    await q.query(`DROP TABLE licence_classes`);
    await q.query(`DROP TABLE licences`);
    await q.query(`DROP TABLE drivers`);
    await q.query(`DROP TABLE provinces`);
  }
}
