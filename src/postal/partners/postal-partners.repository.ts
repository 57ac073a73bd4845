import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateReturning } from '../../database/update-returning';

export interface PostalPartner {
  id: string;
  name: string;
  createdAt: Date;
}

export interface PartnerKey {
  id: string;
  partnerId: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The partner behind an API key that is still valid. */
export interface ActivePartnerKey {
  keyId: string;
  partnerId: string;
  partnerName: string;
  lastUsedAt: Date | null;
}

interface KeyRow {
  id: string;
  partner_id: string;
  key_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const toKey = (r: KeyRow): PartnerKey => ({
  id: r.id,
  partnerId: r.partner_id,
  prefix: r.key_prefix,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

const KEY_COLUMNS = 'id, partner_id, key_prefix, created_at, last_used_at, revoked_at';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Postal partners and their API keys. Every method takes the manager, so the CLI can use it too. */
@Injectable()
export class PostalPartnersRepository {
  async insertPartner(tx: EntityManager, name: string): Promise<PostalPartner | null> {
    const rows = await tx.query<{ id: string; name: string; created_at: Date }[]>(
      `INSERT INTO postal_partners (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id, name, created_at`,
      [name],
    );
    return rows[0] ? { id: rows[0].id, name: rows[0].name, createdAt: rows[0].created_at } : null;
  }

  async findPartnerByName(tx: EntityManager, name: string): Promise<PostalPartner | null> {
    const [row] = await tx.query<{ id: string; name: string; created_at: Date }[]>(
      `SELECT id, name, created_at FROM postal_partners WHERE lower(name) = lower($1)`,
      [name],
    );
    return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
  }

  async findPartner(tx: EntityManager, id: string): Promise<PostalPartner | null> {
    if (!UUID.test(id)) return null;
    const [row] = await tx.query<{ id: string; name: string; created_at: Date }[]>(
      `SELECT id, name, created_at FROM postal_partners WHERE id = $1`,
      [id],
    );
    return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
  }

  async listPartners(tx: EntityManager): Promise<(PostalPartner & { keys: PartnerKey[] })[]> {
    const partners = await tx.query<{ id: string; name: string; created_at: Date }[]>(
      `SELECT id, name, created_at FROM postal_partners ORDER BY lower(name)`,
    );
    const keys = await tx.query<KeyRow[]>(
      `SELECT ${KEY_COLUMNS} FROM postal_partner_keys ORDER BY created_at, id`,
    );
    return partners.map((p) => ({
      id: p.id,
      name: p.name,
      createdAt: p.created_at,
      keys: keys.filter((k) => k.partner_id === p.id).map(toKey),
    }));
  }

  async insertKey(tx: EntityManager, partnerId: string, hash: Buffer, prefix: string): Promise<PartnerKey> {
    const [row] = await tx.query<KeyRow[]>(
      `INSERT INTO postal_partner_keys (partner_id, key_hash, key_prefix) VALUES ($1, $2, $3) RETURNING ${KEY_COLUMNS}`,
      [partnerId, hash, prefix],
    );
    return toKey(row);
  }

  /** Revokes the key if it is still active; returns it either way (null when it is not this partner's). */
  async revokeKey(
    tx: EntityManager,
    partnerId: string,
    keyId: string,
  ): Promise<{ key: PartnerKey; revokedNow: boolean } | null> {
    if (!UUID.test(partnerId) || !UUID.test(keyId)) return null;
    const revoked = await updateReturning<KeyRow>(
      tx,
      `UPDATE postal_partner_keys SET revoked_at = now()
       WHERE id = $1 AND partner_id = $2 AND revoked_at IS NULL RETURNING ${KEY_COLUMNS}`,
      [keyId, partnerId],
    );
    if (revoked[0]) return { key: toKey(revoked[0]), revokedNow: true };
    const [existing] = await tx.query<KeyRow[]>(
      `SELECT ${KEY_COLUMNS} FROM postal_partner_keys WHERE id = $1 AND partner_id = $2`,
      [keyId, partnerId],
    );
    return existing ? { key: toKey(existing), revokedNow: false } : null;
  }

  async findActiveKey(tx: EntityManager, hash: Buffer): Promise<ActivePartnerKey | null> {
    const [row] = await tx.query<
      { key_id: string; partner_id: string; partner_name: string; last_used_at: Date | null }[]
    >(
      `SELECT k.id AS key_id, p.id AS partner_id, p.name AS partner_name, k.last_used_at
       FROM postal_partner_keys k JOIN postal_partners p ON p.id = k.partner_id
       WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [hash],
    );
    return row
      ? {
          keyId: row.key_id,
          partnerId: row.partner_id,
          partnerName: row.partner_name,
          lastUsedAt: row.last_used_at,
        }
      : null;
  }

  /** Notes that a key is in use (at most once a minute), so admins can tell when an old key is idle. */
  async touchKey(tx: EntityManager, keyId: string): Promise<void> {
    await tx.query(
      `UPDATE postal_partner_keys SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [keyId],
    );
  }
}
