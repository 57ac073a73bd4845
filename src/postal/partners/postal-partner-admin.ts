import { EntityManager } from 'typeorm';
import type { AuditActor } from '../../audit/audit-entry';
import { AuditLog } from '../../audit/audit-log';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { generateApiKey } from './api-key';
import { PartnerKey, PostalPartner, PostalPartnersRepository } from './postal-partners.repository';

/**
 * Partner administration, shared by the admin API and `npm run postal:partner`: create a partner, issue
 * a key (returned once), revoke one (refused from the next request on). Each change is audited.
 */
export interface PartnerAdminDeps {
  partners: PostalPartnersRepository;
  audit: AuditLog;
}

export interface IssuedKey extends PartnerKey {
  /** The key itself, shown this once. */
  key: string;
}

export function normalisePartnerName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed.length < 2 || trimmed.length > 100) {
    throw new DomainError('VALIDATION_FAILED', 'name must be 2 to 100 characters.', {
      errors: [{ field: 'name', message: 'name must be 2 to 100 characters' }],
    });
  }
  return trimmed;
}

export async function createPartner(
  tx: EntityManager,
  deps: PartnerAdminDeps,
  name: string,
  actor: AuditActor,
): Promise<PostalPartner> {
  const clean = normalisePartnerName(name);
  const partner = await deps.partners.insertPartner(tx, clean);
  if (!partner) {
    throw new DomainError(
      'CONFLICT',
      `A postal partner named "${clean}" already exists: issue it a new key instead.`,
    );
  }
  await deps.audit.record(tx, {
    actor,
    action: 'POSTAL_PARTNER_CREATED',
    subjectType: 'postal_partner',
    subjectId: partner.id,
    data: { name: partner.name },
  });
  return partner;
}

/** The partner of that name, created when missing (for the CLI, which may be run again). */
export async function ensurePartner(
  tx: EntityManager,
  deps: PartnerAdminDeps,
  name: string,
  actor: AuditActor,
): Promise<{ partner: PostalPartner; created: boolean }> {
  const existing = await deps.partners.findPartnerByName(tx, normalisePartnerName(name));
  if (existing) return { partner: existing, created: false };
  return { partner: await createPartner(tx, deps, name, actor), created: true };
}

export async function issuePartnerKey(
  tx: EntityManager,
  deps: PartnerAdminDeps,
  partnerId: string,
  actor: AuditActor,
): Promise<IssuedKey> {
  const partner = await deps.partners.findPartner(tx, partnerId);
  if (!partner) throw notFound('The postal partner');
  const generated = generateApiKey();
  const key = await deps.partners.insertKey(tx, partner.id, generated.hash, generated.displayPrefix);
  await deps.audit.record(tx, {
    actor,
    action: 'POSTAL_KEY_ISSUED',
    subjectType: 'postal_partner',
    subjectId: partner.id,
    data: { keyId: key.id, prefix: key.prefix },
  });
  return { ...key, key: generated.key };
}

/** Revoking twice is harmless: the second call reports the key as it is. */
export async function revokePartnerKey(
  tx: EntityManager,
  deps: PartnerAdminDeps,
  partnerId: string,
  keyId: string,
  actor: AuditActor,
): Promise<PartnerKey> {
  const outcome = await deps.partners.revokeKey(tx, partnerId, keyId);
  if (!outcome) throw notFound('The API key');
  if (outcome.revokedNow) {
    await deps.audit.record(tx, {
      actor,
      action: 'POSTAL_KEY_REVOKED',
      subjectType: 'postal_partner',
      subjectId: partnerId,
      data: { keyId, prefix: outcome.key.prefix },
    });
  }
  return outcome.key;
}
