import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditActor } from '../../audit/audit-entry';
import { AuditLog } from '../../audit/audit-log';
import { decodeCursor, encodeCursor, isCursorText } from '../../common/cursor';
import { DomainError, notFound } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth-user';
import { PasswordHasher } from '../passwords/password-hasher';
import { RefreshTokensRepository } from '../tokens/refresh-tokens.repository';
import { createStaffAccount } from './create-staff-account';
import { CreateStaffAccountDto } from './dto/create-staff-account.dto';
import { StaffAccountDto, StaffAccountListDto } from './dto/staff-account.dto';
import { StaffAccountsRepository } from './staff-accounts.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The list is ordered by username, so the cursor is the last username seen (opaque: base64url JSON). */
const encodeUsernameCursor = (username: string) => encodeCursor({ u: username });
const decodeUsernameCursor = (cursor: string | undefined) =>
  decodeCursor(cursor, { u: isCursorText })?.u ?? null;

/** Staff administration for admins: create, list, disable and re-enable accounts. */
@Injectable()
export class StaffAccountsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accounts: StaffAccountsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
  ) {}

  async create(input: CreateStaffAccountDto, admin: AuthUser, ip: string): Promise<StaffAccountDto> {
    const account = await this.db.transaction((tx) =>
      createStaffAccount(tx, { hasher: this.hasher, audit: this.audit }, input, actorOf(admin, ip)),
    );
    return StaffAccountDto.from(account);
  }

  async list(cursor: string | undefined, limit = 50): Promise<StaffAccountListDto> {
    const rows = await this.accounts.page(decodeUsernameCursor(cursor), limit);
    const items = rows.slice(0, limit);
    return {
      items: items.map((a) => StaffAccountDto.from(a)),
      nextCursor: rows.length > limit ? encodeUsernameCursor(items[items.length - 1].username) : null,
    };
  }

  /**
   * Disabling ends the account's sign-ins for good: refresh tokens are revoked, and access tokens and web
   * sessions from before are refused (sessions_valid_after), also after the account is enabled again.
   */
  async setDisabled(id: string, disabled: boolean, admin: AuthUser, ip: string): Promise<StaffAccountDto> {
    if (!UUID.test(id)) throw notFound('The staff account');
    if (disabled && id === admin.id) {
      throw new DomainError('CONFLICT', 'You cannot disable your own account; ask another admin.');
    }
    const account = await this.db.transaction(async (tx) => {
      const before = await this.accounts.findById(id, tx);
      if (!before) throw notFound('The staff account');
      const after = await this.accounts.setDisabled(tx, id, disabled);
      if (!after) throw notFound('The staff account');
      const revoked = disabled ? await this.refreshTokens.revokeAllOf(tx, 'staff', id) : 0;
      if ((before.disabledAt !== null) !== disabled) {
        await this.audit.record(tx, {
          actor: actorOf(admin, ip),
          action: disabled ? 'STAFF_ACCOUNT_DISABLED' : 'STAFF_ACCOUNT_ENABLED',
          subjectType: 'staff_account',
          subjectId: id,
          fromState: before.disabledAt ? 'DISABLED' : 'ACTIVE',
          toState: disabled ? 'DISABLED' : 'ACTIVE',
          data: { username: after.username, refreshTokensRevoked: revoked },
        });
      }
      return after;
    });
    return StaffAccountDto.from(account);
  }
}

function actorOf(user: AuthUser, ip: string): AuditActor {
  return { kind: 'staff', id: user.id, role: user.role, ip };
}
