import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';

export const hashRefreshToken = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Refresh-token rows. The token itself is 32 random bytes, base64url, and is never stored. */
@Injectable()
export class RefreshTokensRepository {
  async insert(
    manager: EntityManager,
    subject: { kind: 'citizen' | 'staff'; id: string },
    familyId: string,
    ttlSeconds: number,
  ): Promise<{ id: string; token: string }> {
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    await manager.insert(RefreshToken, {
      id,
      subjectKind: subject.kind,
      subjectId: subject.id,
      familyId,
      tokenHash: hashRefreshToken(token),
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
    });
    return { id, token };
  }

  /** The row of a presented token, locked until the transaction ends so two refreshes cannot both win. */
  findForUpdate(manager: EntityManager, token: string): Promise<RefreshToken | null> {
    return manager
      .createQueryBuilder(RefreshToken, 't')
      .setLock('pessimistic_write')
      .where('t.tokenHash = :hash', { hash: hashRefreshToken(token) })
      .getOne();
  }

  async markReplaced(manager: EntityManager, id: string, replacedBy: string): Promise<void> {
    await manager.update(RefreshToken, { id }, { replacedBy });
  }

  /** Revokes every live token of a family; returns the subject and how many were revoked. */
  async revokeFamily(manager: EntityManager, familyId: string): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
    return count;
  }

  /** Revokes the family a presented token belongs to; null when the token is unknown. */
  async revokeFamilyOf(
    manager: EntityManager,
    token: string,
  ): Promise<{
    subjectKind: 'citizen' | 'staff';
    subjectId: string;
    familyId: string;
    revoked: number;
  } | null> {
    const [row] = await manager.query<
      { subject_kind: 'citizen' | 'staff'; subject_id: string; family_id: string }[]
    >(`SELECT subject_kind, subject_id, family_id FROM refresh_tokens WHERE token_hash = $1`, [
      hashRefreshToken(token),
    ]);
    if (!row) return null;
    const revoked = await this.revokeFamily(manager, row.family_id);
    return { subjectKind: row.subject_kind, subjectId: row.subject_id, familyId: row.family_id, revoked };
  }

  /** Ends every session of one account (a disabled staff member). */
  async revokeAllOf(manager: EntityManager, kind: 'citizen' | 'staff', subjectId: string): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE subject_kind = $1 AND subject_id = $2 AND revoked_at IS NULL`,
      [kind, subjectId],
    );
    return count;
  }
}
