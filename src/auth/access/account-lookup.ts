import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser, StaffRole } from '../auth-user';

export type AccountLookupResult = { user: AuthUser } | { refused: string };

/**
 * What a request proves about its sign-in: when it started (a web session's creation, a refresh token's,
 * an access token's `iat`) and, for access tokens, which sign-in (`sid`: the refresh-token family).
 */
export interface SignInProof {
  startedAt: Date;
  signInId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SIGN_IN_ENDED = 'This sign-in has ended; sign in again.';

/**
 * One statement per request, whatever the proof: the account, whether the sign-in started after the
 * account's sessions_valid_after ($2, when given), and whether the sign-in is still live ($3, when
 * given: some refresh token of its family not revoked; logout and disabling revoke them all).
 */
const current = `($2::timestamptz IS NULL OR sessions_valid_after IS NULL OR $2 >= sessions_valid_after) AS current,
       ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM refresh_tokens t
                                     WHERE t.family_id = $3 AND t.subject_id = $1 AND t.revoked_at IS NULL)) AS live`;

export const CITIZEN_LOOKUP_SQL = `SELECT national_id, ${current} FROM citizens WHERE id = $1`;

export const STAFF_LOOKUP_SQL = `SELECT username, role, province_code, national_id, disabled_at IS NOT NULL AS disabled,
       ${current} FROM staff_accounts WHERE id = $1`;

/**
 * Reads the account behind a token or web session on every request (one primary-key query), so that
 * disabling a staff account, or ending a sign-in, takes effect at once rather than when the access
 * token expires. Role and province come from the row, not the token: a changed role applies at the
 * next request. Wrong passwords never refuse an account here: they are throttled per ID at sign-in
 * (see PasswordLogin), so a stranger who knows someone's ID cannot sign them out.
 */
@Injectable()
export class AccountLookup {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(
    kind: unknown,
    id: unknown,
    manager: EntityManager = this.db.manager,
    proof?: SignInProof,
  ): Promise<AccountLookupResult> {
    if (typeof id !== 'string' || !UUID.test(id)) return { refused: 'The token names no account.' };
    if (proof?.signInId !== undefined && !UUID.test(proof.signInId)) return { refused: SIGN_IN_ENDED };
    const params = [id, proof?.startedAt ?? null, proof?.signInId ?? null];
    if (kind === 'citizen') return this.citizen(id, manager, params);
    if (kind === 'staff') return this.staff(id, manager, params);
    return { refused: 'The token names no account.' };
  }

  private async citizen(id: string, manager: EntityManager, params: unknown[]): Promise<AccountLookupResult> {
    const [row] = await manager.query<{ national_id: string; current: boolean; live: boolean }[]>(
      CITIZEN_LOOKUP_SQL,
      params,
    );
    if (!row) return { refused: 'This account no longer exists.' };
    if (!row.current || !row.live) return { refused: SIGN_IN_ENDED };
    return {
      user: {
        kind: 'citizen',
        id,
        role: 'citizen',
        nationalId: row.national_id,
        provinceCode: null,
        username: null,
      },
    };
  }

  private async staff(id: string, manager: EntityManager, params: unknown[]): Promise<AccountLookupResult> {
    const [row] = await manager.query<
      {
        username: string;
        role: StaffRole;
        province_code: string | null;
        national_id: string | null;
        disabled: boolean;
        current: boolean;
        live: boolean;
      }[]
    >(STAFF_LOOKUP_SQL, params);
    if (!row) return { refused: 'This account no longer exists.' };
    if (row.disabled) return { refused: 'This staff account has been disabled.' };
    if (!row.current || !row.live) return { refused: SIGN_IN_ENDED };
    return {
      user: {
        kind: 'staff',
        id,
        role: row.role,
        nationalId: row.national_id,
        provinceCode: row.province_code,
        username: row.username,
      },
    };
  }
}
