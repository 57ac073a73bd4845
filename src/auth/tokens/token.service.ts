import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../audit/audit-entry';
import { AuditLog } from '../../audit/audit-log';
import { DomainError } from '../../common/errors/domain-error';
import { Environment } from '../../config/environment';
import { AccountLookup } from '../access/account-lookup';
import type { AuthUser } from '../auth-user';
import { claimsFor } from './access-token-claims';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { TokenPairDto } from './token-pair.dto';

const subjectType = (kind: 'citizen' | 'staff') => (kind === 'citizen' ? 'citizen' : 'staff_account');

/**
 * Issues access tokens (short-lived JWTs) with rotating refresh tokens. Each refresh token works once:
 * using it replaces it; presenting a replaced one again means someone holds a copy, so the whole family
 * (every token descended from that sign-in) is revoked and both holders must sign in again.
 */
@Injectable()
export class TokenService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly env: Environment,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly accounts: AccountLookup,
    private readonly audit: AuditLog,
  ) {}

  /** A fresh sign-in starts a new token family. */
  async issue(user: AuthUser): Promise<TokenPairDto> {
    const signInId = randomUUID();
    const refresh = await this.refreshTokens.insert(
      this.db.manager,
      user,
      signInId,
      this.env.JWT_REFRESH_TTL_SECONDS,
    );
    return this.pair(user, signInId, refresh.token);
  }

  async refresh(presented: string, ip: string): Promise<TokenPairDto> {
    // Refusals that revoke something must commit, so they are returned from the transaction, not thrown.
    const outcome = await this.db.transaction(async (tx): Promise<TokenPairDto | DomainError> => {
      const row = await this.refreshTokens.findForUpdate(tx, presented);
      if (!row || row.expiresAt.getTime() <= Date.now()) {
        return new DomainError(
          'UNAUTHENTICATED',
          'This refresh token is not valid or has expired; sign in again.',
        );
      }
      if (row.revokedAt) {
        return new DomainError('UNAUTHENTICATED', 'This session has ended; sign in again.');
      }
      if (row.replacedBy) {
        await this.refreshTokens.revokeFamily(tx, row.familyId);
        await this.audit.record(tx, {
          actor: { ...SYSTEM_ACTOR, ip },
          action: 'REFRESH_TOKEN_REUSED',
          subjectType: subjectType(row.subjectKind),
          subjectId: row.subjectId,
          reason: 'a refresh token was presented after it had been exchanged; the sign-in was ended',
          data: { familyId: row.familyId },
        });
        return new DomainError(
          'UNAUTHENTICATED',
          'This refresh token was already used. For your safety every session from that sign-in has ended; sign in again.',
        );
      }
      // A token from before the account's sessions_valid_after (staff disabled since) never refreshes.
      const account = await this.accounts.find(row.subjectKind, row.subjectId, tx, {
        startedAt: row.createdAt,
      });
      if ('refused' in account) {
        await this.refreshTokens.revokeFamily(tx, row.familyId);
        return new DomainError('UNAUTHENTICATED', account.refused);
      }
      const next = await this.refreshTokens.insert(
        tx,
        account.user,
        row.familyId,
        this.env.JWT_REFRESH_TTL_SECONDS,
      );
      await this.refreshTokens.markReplaced(tx, row.id, next.id);
      return this.pair(account.user, row.familyId, next.token);
    });
    if (outcome instanceof DomainError) throw outcome;
    return outcome;
  }

  /**
   * Ends the sign-in the token belongs to (its whole family), and with it every access token issued
   * for that sign-in (they carry its id as `sid`, checked on each request). Unknown tokens are ignored.
   */
  async logout(presented: string, ip: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const ended = await this.refreshTokens.revokeFamilyOf(tx, presented);
      if (!ended || ended.revoked === 0) return;
      await this.audit.record(tx, {
        actor: { kind: ended.subjectKind, id: ended.subjectId, ip },
        action: 'LOGOUT',
        subjectType: subjectType(ended.subjectKind),
        subjectId: ended.subjectId,
        data: { familyId: ended.familyId },
      });
    });
  }

  private async pair(user: AuthUser, signInId: string, refreshToken: string): Promise<TokenPairDto> {
    return {
      accessToken: await this.jwt.signAsync({ ...claimsFor(user, signInId) }),
      refreshToken,
      expiresIn: this.env.JWT_ACCESS_TTL_SECONDS,
    };
  }
}
