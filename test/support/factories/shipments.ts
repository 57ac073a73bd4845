import { DataSource } from 'typeorm';
import { AuditLog } from '../../../src/audit/audit-log';
import { createPartner, issuePartnerKey } from '../../../src/postal/partners/postal-partner-admin';
import { PostalPartnersRepository } from '../../../src/postal/partners/postal-partners.repository';
import { makeTrackingNumber } from '../../../src/postal/s10';
import type { NewShipment } from '../../../src/postal/new-shipment';
import { ShipmentsService } from '../../../src/postal/shipments.service';

/**
 * Rows for the postal tests: applications already ISSUED (as issuance leaves them), their shipments —
 * one by one through ShipmentsService.createShipment, or a thousand at once with SQL — and partners
 * with API keys made by the same code as `npm run postal:partner`.
 */
let tagSerial = 0;
const TEST_ACTOR = { kind: 'system' as const, id: 'test', role: 'operator' };

function offsetOf(tag: string): number {
  let h = 0;
  for (const ch of tag) h = (h * 31 + ch.charCodeAt(0)) % 9_000;
  return (h * 100 + (tagSerial++ % 100)) * 100;
}

export interface IssuedApplication {
  id: string;
  citizenId: string;
  provinceCode: string;
}

/**
 * `count` ISSUED applications for postal delivery, each with a citizen of its own (the citizen's
 * password is not usable: sign-in is not what these tests are about). Set-based: fine for thousands.
 */
export async function insertIssuedApplications(
  db: DataSource,
  count: number,
  opts: { provinceCode?: string; citizenId?: string; tag?: string } = {},
): Promise<IssuedApplication[]> {
  const tag = opts.tag ?? Math.random().toString(36).slice(2, 8);
  const base = offsetOf(tag);
  const province = opts.provinceCode ?? '01';
  const series = `generate_series(1, ${Number(count)}) AS i`;
  const nid = `'0010' || '90' || lpad((i + ${base})::text, 6, '0')`;
  if (!opts.citizenId) {
    await db.query(`
      INSERT INTO citizens (national_id, full_name, date_of_birth, phone, password_hash)
      SELECT ${nid}, 'Nguyễn Văn ' || i, '1990-01-01', '0912345678', 'not-a-real-hash' FROM ${series}
      ON CONFLICT (national_id) DO NOTHING`);
  }
  // One given citizen for every application, or each application's own citizen.
  const citizen = opts.citizenId
    ? `(SELECT c.id, c.national_id FROM citizens c WHERE c.id = $1)`
    : `(SELECT c.id, c.national_id FROM citizens c WHERE c.national_id = ${nid})`;
  return db.query<IssuedApplication[]>(
    `INSERT INTO applications (reference, citizen_id, national_id, type, licence_number, delivery, province_code,
       status, fee_amount, postal_fee, total_amount, payment_due_by, check_run, paid_at, decided_at)
     SELECT '${province}-2026-${tag}-' || i, c.id, c.national_id, 'RENEWAL', '03' || lpad((i + ${base})::text, 10, '0'),
       jsonb_build_object('method', 'POST', 'recipientName', 'Nguyễn Văn ' || i, 'phone', '0912345678',
         'street', i || ' Phố Huế', 'commune', 'Phường Hai Bà Trưng', 'provinceCode', '${province}'),
       '${province}', 'ISSUED', 115000, 35000, 150000, now() + interval '1 day', 1, now(), now()
     FROM ${series} CROSS JOIN LATERAL ${citizen} AS c
     RETURNING id, citizen_id AS "citizenId", province_code AS "provinceCode"`,
    opts.citizenId ? [opts.citizenId] : [],
  );
}

export function newShipmentFor(app: IssuedApplication, over: Partial<NewShipment> = {}): NewShipment {
  return {
    applicationId: app.id,
    recipient: {
      name: 'Nguyễn Văn An',
      phone: '0912345678',
      street: '12 Phố Huế',
      commune: 'Phường Hai Bà Trưng',
      provinceCode: app.provinceCode,
    },
    contents: `PET-${app.id.slice(0, 8).toUpperCase()}`,
    cashOnDelivery: 0,
    originOffice: app.provinceCode,
    ...over,
  };
}

/** Shipments for the applications, through the service issuance calls, each in its own transaction. */
export async function createShipments(
  appDb: DataSource,
  service: ShipmentsService,
  apps: IssuedApplication[],
): Promise<string[]> {
  const numbers: string[] = [];
  for (const app of apps) {
    const { trackingNumber } = await appDb.transaction((tx) =>
      service.createShipment(tx, newShipmentFor(app)),
    );
    numbers.push(trackingNumber);
  }
  return numbers;
}

/** `count` READY shipments (and their ISSUED applications) in a few statements. */
export async function bulkInsertReadyShipments(
  db: DataSource,
  count: number,
  indicator = 'EB',
): Promise<string[]> {
  const apps = await insertIssuedApplications(db, count);
  const serials = await db.query<{ serial: string }[]>(
    `SELECT nextval('shipment_serial_seq') AS serial FROM generate_series(1, ${Number(count)})`,
  );
  const numbers = serials.map((s) => makeTrackingNumber(indicator, Number(s.serial)));
  await db.query(
    `INSERT INTO shipments (tracking_number, application_id, recipient_name, recipient_phone, recipient_street,
       recipient_commune, recipient_province_code, contents, cash_on_delivery, origin_office, status, created_at)
     SELECT t.tn, t.app, 'Nguyễn Văn An', '0912345678', '12 Phố Huế', 'Phường Hai Bà Trưng', '01',
       'PET-' || t.ord, 0, '01', 'READY', now() + t.ord * interval '1 microsecond'
     FROM unnest($1::text[], $2::uuid[]) WITH ORDINALITY AS t(tn, app, ord)`,
    [numbers, apps.map((a) => a.id)],
  );
  return numbers;
}

/** A partner (created when missing) and a fresh API key for it. */
export async function partnerWithKey(
  db: DataSource,
  name = `Partner ${Math.random().toString(36).slice(2, 8)}`,
): Promise<{ partnerId: string; keyId: string; key: string }> {
  const deps = { partners: new PostalPartnersRepository(), audit: new AuditLog() };
  return db.transaction(async (tx) => {
    const existing = await deps.partners.findPartnerByName(tx, name);
    const partner = existing ?? (await createPartner(tx, deps, name, TEST_ACTOR));
    const issued = await issuePartnerKey(tx, deps, partner.id, TEST_ACTOR);
    return { partnerId: partner.id, keyId: issued.id, key: issued.key };
  });
}
