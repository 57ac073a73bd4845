import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../../audit/audit-entry';
import { AuditLog } from '../../audit/audit-log';
import type { VerifiedCitizenIdentity } from '../identity/citizen-identity-provider';

/** The e-ID account that vouched: the provider (issuer) and its stable identifier for the person (sub). */
export interface OidcSubject {
  issuer: string;
  subject: string;
}

export type OidcAccountOutcome =
  | { citizenId: string; created: boolean; linked: boolean }
  /** This e-ID subject already signs in to the account of another citizen ID. */
  | { conflict: true };

/**
 * The citizen account an e-ID sign-in lands in, in one transaction with its audit entries: created on
 * the first sign-in (no password; name as on the driver record, phone from the record), or the existing
 * account with that citizen ID (e.g. a password account) linked to the e-ID subject. A strong sign-in
 * also lifts a lockout left by wrong passwords.
 */
@Injectable()
export class OidcCitizenAccounts {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** `identity` has been confirmed against the driver record, whose spelling of the name is `nameOnRecord`. */
  signIn(
    identity: VerifiedCitizenIdentity,
    nameOnRecord: string,
    who: OidcSubject,
    ip: string,
  ): Promise<OidcAccountOutcome> {
    return this.db.transaction(async (tx) => {
      const [link] = await tx.query<{ citizen_id: string }[]>(
        `SELECT citizen_id FROM citizen_eid_links WHERE issuer = $1 AND subject = $2 FOR UPDATE`,
        [who.issuer, who.subject],
      );
      const find = () =>
        tx.query<{ id: string }[]>(`SELECT id FROM citizens WHERE national_id = $1 FOR UPDATE`, [
          identity.nationalId,
        ]);
      let [citizen] = await find();
      let created = false;
      if (!citizen) {
        // ON CONFLICT: two first sign-ins at once; the second waits for the first and finds its row.
        [citizen] = await tx.query<{ id: string }[]>(
          `INSERT INTO citizens (national_id, full_name, date_of_birth, phone, password_hash)
           SELECT $1, $2, $3::date, (SELECT phone FROM drivers WHERE national_id = $1), NULL
           ON CONFLICT (national_id) DO NOTHING RETURNING id`,
          [identity.nationalId, nameOnRecord, identity.dateOfBirth],
        );
        created = citizen !== undefined;
        if (!citizen) [citizen] = await find();
      }
      if (link && link.citizen_id !== citizen.id) return { conflict: true };

      const actor = { kind: 'citizen' as const, id: citizen.id, ip };
      const entry = (action: string, data: Record<string, unknown>): AuditEntry => ({
        actor,
        action,
        subjectType: 'citizen',
        subjectId: citizen.id,
        data: { method: 'eid', issuer: who.issuer, ...data },
        newSubject: created,
      });
      const entries: AuditEntry[] = [];
      if (created) entries.push(entry('CITIZEN_REGISTERED', { nationalId: identity.nationalId }));
      if (!link) {
        await tx.query(
          `INSERT INTO citizen_eid_links (issuer, subject, citizen_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [who.issuer, who.subject, citizen.id],
        );
        entries.push(entry('CITIZEN_EID_LINKED', { subject: who.subject, existingAccount: !created }));
      } else {
        await tx.query(
          `UPDATE citizen_eid_links SET last_sign_in_at = now() WHERE issuer = $1 AND subject = $2`,
          [who.issuer, who.subject],
        );
      }
      entries.push(entry('CITIZEN_SIGNED_IN', {}));
      await this.audit.record(tx, ...entries);
      return { citizenId: citizen.id, created, linked: !link };
    });
  }
}
