import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser, StaffRole } from '../auth-user';

export type AccountLookupResult = { user: AuthUser } | { refused: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads the account behind a token on every request (one primary-key query), so that disabling a staff
 * account or locking a citizen's takes effect at once rather than when the access token expires. Role
 * and province come from the row, not the token: a changed role applies at the next request.
 */
@Injectable()
export class AccountLookup {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(
    kind: unknown,
    id: unknown,
    manager: EntityManager = this.db.manager,
  ): Promise<AccountLookupResult> {
    if (typeof id !== 'string' || !UUID.test(id)) return { refused: 'The token names no account.' };
    if (kind === 'citizen') return this.citizen(id, manager);
    if (kind === 'staff') return this.staff(id, manager);
    return { refused: 'The token names no account.' };
  }

  private async citizen(id: string, manager: EntityManager): Promise<AccountLookupResult> {
    const [row] = await manager.query<{ national_id: string; locked: boolean }[]>(
      `SELECT national_id, coalesce(locked_until > now(), false) AS locked FROM citizens WHERE id = $1`,
      [id],
    );
    if (!row) return { refused: 'This account no longer exists.' };
    if (row.locked) return { refused: 'This account is locked after too many wrong passwords.' };
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

  private async staff(id: string, manager: EntityManager): Promise<AccountLookupResult> {
    const [row] = await manager.query<
      {
        username: string;
        role: StaffRole;
        province_code: string | null;
        national_id: string | null;
        disabled: boolean;
      }[]
    >(
      `SELECT username, role, province_code, national_id, disabled_at IS NOT NULL AS disabled
         FROM staff_accounts WHERE id = $1`,
      [id],
    );
    if (!row) return { refused: 'This account no longer exists.' };
    if (row.disabled) return { refused: 'This staff account has been disabled.' };
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
