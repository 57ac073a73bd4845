import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every Vietnamese letter with a tone or vowel mark, and the plain letter it folds to — the same folding
 * as normalizeName in src/common/vietnamese-text.ts (NFD, marks dropped, đ → d), frozen here so the
 * index never changes under a later edit of the code.
 */
function foldingTable(): { from: string; to: string } {
  const vowels = 'aăâeêioôơuưy';
  const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
  let from = 'đĐðÐ';
  let to = 'dddd';
  for (const vowel of vowels + vowels.toUpperCase()) {
    for (const tone of tones) {
      const letter = (vowel + tone).normalize('NFC');
      const plain = letter.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      if (letter !== plain) {
        from += letter;
        to += plain;
      }
    }
  }
  return { from, to };
}

/**
 * Staff find a case by reference, citizen ID, licence number or the applicant's name with or without
 * diacritics (API.md `q`): an immutable folding function, a trigram index on the folded names of
 * citizens (substring search stays an index scan at millions of rows), and indexes on the numbers
 * a case is looked up by. Notices keep their raw parameters, and check results their sentences as
 * translation keys with raw values, so each is shown in the reader's language with amounts and dates
 * formatted for them (the English `detail` stays the record).
 */
export class CaseSearchAndNoticeParams1764231400000 implements MigrationInterface {
  name = 'CaseSearchAndNoticeParams1764231400000';

  async up(q: QueryRunner): Promise<void> {
    const { from, to } = foldingTable();
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE FUNCTION fold_vietnamese(value text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT btrim(regexp_replace(lower(translate(value, '${from}', '${to}')), '\\s+', ' ', 'g')) $$`);
    await q.query(
      `CREATE INDEX citizens_folded_name_trgm_idx ON citizens USING gin (fold_vietnamese(full_name) gin_trgm_ops)`,
    );
    await q.query(`CREATE INDEX applications_national_id_idx ON applications (national_id)`);
    await q.query(`CREATE INDEX applications_licence_number_idx ON applications (licence_number)`);
    await q.query(`ALTER TABLE notifications ADD COLUMN params jsonb`);
    await q.query(`ALTER TABLE application_checks ADD COLUMN texts jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application_checks DROP COLUMN texts`);
    await q.query(`ALTER TABLE notifications DROP COLUMN params`);
    await q.query(`DROP INDEX applications_licence_number_idx`);
    await q.query(`DROP INDEX applications_national_id_idx`);
    await q.query(`DROP INDEX citizens_folded_name_trgm_idx`);
    await q.query(`DROP FUNCTION fold_vietnamese(text)`);
    // pg_trgm stays: other objects may have come to use it, and keeping it changes nothing.
  }
}
