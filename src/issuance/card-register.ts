import { EntityManager } from 'typeorm';
import { updateReturning } from '../database/update-returning';
import { AUTOMATIC_ONLY, CardClass } from './new-card-classes';

/** One card to issue: whose, for which licence, with which classes. */
export interface NewCard {
  serial: string;
  applicationId: string;
  licenceNumber: string;
  holderNationalId: string;
  holderName: string;
  holderDateOfBirth: string;
  provinceCode: string;
  classes: CardClass[];
}

/** The next `count` card serials (VN-<year>-<8 digits>), in one statement. */
export async function nextCardSerials(tx: EntityManager, count: number): Promise<string[]> {
  const rows = await tx.query<{ serial: string }[]>(
    `SELECT 'VN-' || to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' || lpad(nextval('licence_card_serial_seq')::text, 8, '0') AS serial
     FROM generate_series(1, $1::int)`,
    [count],
  );
  return rows.map((r) => r.serial);
}

/**
 * Stores the new cards, set-based whatever their number: the licences' active cards are marked
 * replaced (first: one active card per licence), the new ones inserted, and each old card pointed at
 * its successor.
 */
export async function storeCards(tx: EntityManager, cards: NewCard[], today: string): Promise<void> {
  if (cards.length === 0) return;
  const old = await updateReturning<{ serial: string; licence_number: string }>(
    tx,
    `UPDATE licence_cards SET status = 'REPLACED' WHERE licence_number = ANY($1::char(12)[]) AND status = 'ACTIVE'
     RETURNING serial, licence_number`,
    [cards.map((c) => c.licenceNumber)],
  );
  await tx.query(
    `INSERT INTO licence_cards (serial, licence_number, application_id, holder_national_id, holder_name, holder_date_of_birth,
       card_kind, issued_on, issuing_province_code, classes, status)
     SELECT c.serial, c.licence_number, c.application_id, c.holder_national_id, c.holder_name, c.holder_date_of_birth,
            'PET', $2::date, c.issuing_province_code, c.classes, 'ACTIVE'
     FROM jsonb_to_recordset($1::jsonb) AS c(serial text, licence_number text, application_id uuid,
            holder_national_id text, holder_name text, holder_date_of_birth date, issuing_province_code text, classes jsonb)`,
    [
      JSON.stringify(
        cards.map((c) => ({
          serial: c.serial,
          licence_number: c.licenceNumber,
          application_id: c.applicationId,
          holder_national_id: c.holderNationalId,
          holder_name: c.holderName,
          holder_date_of_birth: c.holderDateOfBirth,
          issuing_province_code: c.provinceCode,
          classes: c.classes,
        })),
      ),
      today,
    ],
  );
  if (old.length === 0) return;
  const successor = new Map(cards.map((c) => [c.licenceNumber, c.serial]));
  await tx.query(
    `UPDATE licence_cards o SET replaced_by = r.new_serial
     FROM unnest($1::text[], $2::text[]) AS r(old_serial, new_serial) WHERE o.serial = r.old_serial`,
    [old.map((o) => o.serial), old.map((o) => successor.get(o.licence_number.trim()) ?? null)],
  );
}

/** The register now shows a PET card and the new validity of each class, for every licence at once. */
export async function updateRegister(tx: EntityManager, cards: NewCard[]): Promise<void> {
  if (cards.length === 0) return;
  const numbers = cards.map((c) => c.licenceNumber);
  await tx.query(
    `UPDATE licences SET card_kind = 'PET', updated_at = now() WHERE number = ANY($1::char(12)[])`,
    [numbers],
  );
  await tx.query(`DELETE FROM licence_classes WHERE licence_number = ANY($1::char(12)[])`, [numbers]);
  await tx.query(
    `INSERT INTO licence_classes (licence_number, class, issued_on, expires_on, automatic_only)
     SELECT c.licence_number, c.class, c.issued_on, c.expires_on, c.automatic_only
     FROM jsonb_to_recordset($1::jsonb)
       AS c(licence_number text, class text, issued_on date, expires_on date, automatic_only boolean)`,
    [
      JSON.stringify(
        cards.flatMap((card) =>
          card.classes.map((c) => ({
            licence_number: card.licenceNumber,
            class: c.class,
            issued_on: c.issuedOn,
            expires_on: c.expiresOn,
            // The register keeps the automatic-only limit; the card prints every restriction.
            automatic_only: c.restriction?.includes(AUTOMATIC_ONLY) ?? false,
          })),
        ),
      ),
    ],
  );
}
