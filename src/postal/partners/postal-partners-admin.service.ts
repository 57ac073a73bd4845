import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditActor } from '../../audit/audit-entry';
import { AuditLog } from '../../audit/audit-log';
import type { AuthUser } from '../../auth/auth-user';
import {
  IssuedPartnerKeyDto,
  PartnerKeyDto,
  PostalPartnerDto,
  PostalPartnerListDto,
} from '../dto/postal-partner-admin.dto';
import { createPartner, issuePartnerKey, PartnerAdminDeps, revokePartnerKey } from './postal-partner-admin';
import { PostalPartnersRepository } from './postal-partners.repository';

const actorOf = (admin: AuthUser, ip: string): AuditActor => ({
  kind: 'staff',
  id: admin.id,
  role: admin.role,
  ip,
});

/** Admins' administration of postal partners and their keys over HTTP. */
@Injectable()
export class PostalPartnersAdminService {
  private readonly deps: PartnerAdminDeps;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly partners: PostalPartnersRepository,
    audit: AuditLog,
  ) {
    this.deps = { partners, audit };
  }

  async list(): Promise<PostalPartnerListDto> {
    const partners = await this.partners.listPartners(this.db.manager);
    return { items: partners.map((p) => PostalPartnerDto.from(p, p.keys)), nextCursor: null };
  }

  async create(name: string, admin: AuthUser, ip: string): Promise<PostalPartnerDto> {
    const partner = await this.db.transaction((tx) => createPartner(tx, this.deps, name, actorOf(admin, ip)));
    return PostalPartnerDto.from(partner);
  }

  async issueKey(partnerId: string, admin: AuthUser, ip: string): Promise<IssuedPartnerKeyDto> {
    const key = await this.db.transaction((tx) =>
      issuePartnerKey(tx, this.deps, partnerId, actorOf(admin, ip)),
    );
    return IssuedPartnerKeyDto.fromIssued(key);
  }

  async revokeKey(partnerId: string, keyId: string, admin: AuthUser, ip: string): Promise<PartnerKeyDto> {
    const key = await this.db.transaction((tx) =>
      revokePartnerKey(tx, this.deps, partnerId, keyId, actorOf(admin, ip)),
    );
    return PartnerKeyDto.from(key);
  }
}
