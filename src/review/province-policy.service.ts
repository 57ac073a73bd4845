import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/errors/domain-error';
import { updateReturning } from '../database/update-returning';

export interface ProvincePolicy {
  provinceCode: string;
  autoApproveCleanRenewals: boolean;
}

/** Each province's straight-through policy; every change is audited with who, when, before and after. */
@Injectable()
export class ProvincePolicyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  set(user: AuthUser, code: string, autoApprove: boolean, ip: string): Promise<ProvincePolicy> {
    return this.db.transaction(async (tx) => {
      const rows = await updateReturning<{ province_code: string; before: boolean }>(
        tx,
        `UPDATE province_policies p SET auto_approve_clean_renewals = $2, updated_by = $3, updated_at = now()
         FROM (SELECT province_code, auto_approve_clean_renewals AS before FROM province_policies WHERE province_code = $1 FOR UPDATE) old
         WHERE p.province_code = old.province_code RETURNING p.province_code, old.before`,
        [code, autoApprove, user.id],
      );
      if (!rows.length) throw notFound(`Province ${code}`);
      await this.audit.record(tx, {
        actor: { kind: 'staff', id: user.id, role: user.role, ip },
        action: 'SET_PROVINCE_POLICY',
        subjectType: 'province',
        subjectId: code,
        data: { autoApproveCleanRenewals: { before: rows[0].before, after: autoApprove } },
      });
      return { provinceCode: code, autoApproveCleanRenewals: autoApprove };
    });
  }
}
