import type { EntityManager } from 'typeorm';

/** A class on the new card, as API.md shows it. */
export interface IssuedLicenceClass {
  class: string;
  issuedOn: string;
  expiresOn: string | null;
  /** Printed on the card when the class is limited (automatic cars only, small motorcycles). */
  restriction?: string;
}

/** The licence issued for an application (API.md `licence`): the new card, with the points carried over. */
export interface IssuedLicence {
  number: string;
  cardKind: string;
  issuedOn: string;
  /** The card's serial, which the office and the post quote. */
  serial: string;
  points: number;
  classes: IssuedLicenceClass[];
}

interface CardRow {
  serial: string;
  number: string;
  card_kind: string;
  issued_on: string;
  points: number | null;
  classes: { class: string; issuedOn: string; expiresOn: string | null; restriction?: string | null }[];
}

/**
 * The card written for this application by issuance (`licence_cards`), or null before it is issued.
 * Points come from the licence record: they carry over to the new card.
 */
export async function issuedLicenceOf(
  db: EntityManager,
  applicationId: string,
): Promise<IssuedLicence | null> {
  const [card] = await db.query<CardRow[]>(
    `SELECT lc.serial, lc.licence_number AS number, lc.card_kind, to_char(lc.issued_on, 'YYYY-MM-DD') AS issued_on,
            l.points, lc.classes
       FROM licence_cards lc LEFT JOIN licences l ON l.number = lc.licence_number
      WHERE lc.application_id = $1`,
    [applicationId],
  );
  if (!card) return null;
  return {
    number: card.number,
    cardKind: card.card_kind,
    issuedOn: card.issued_on,
    serial: card.serial,
    points: card.points ?? 12,
    classes: card.classes.map((c) => ({
      class: c.class,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn ?? null,
      ...(c.restriction ? { restriction: c.restriction } : {}),
    })),
  };
}
