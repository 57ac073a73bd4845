import { updateReturning } from '../database/update-returning';
import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsBoolean } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { AuthUser, ClientIp, CurrentUser, Staff } from '../auth/auth.decorators';
import { notFound } from '../common/errors/domain-error';
import { ApiProvinceCodeParam } from '../openapi/api-params';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ProvincePolicyResultDto } from './dto/staff-case-responses.dto';

class ProvincePolicyDto {
  @ApiProperty({ description: 'Approve clean renewals (every check passed, no flags) without a person' })
  @IsBoolean({ message: 'autoApproveCleanRenewals must be true or false' })
  autoApproveCleanRenewals!: boolean;
}

/** Admins set each province's straight-through policy; the change is audited with who and when. */
@ApiTags('admin')
@Controller('api/v1/admin/provinces')
export class ProvincePolicyController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  @Put(':code/policy')
  @Staff('admin')
  @ApiOperation({ summary: "Set a province's straight-through policy (audited)" })
  @ApiProvinceCodeParam()
  @ApiOkResponse({ type: ProvincePolicyResultDto })
  @ApiProblems(400, { status: 404, description: 'No such province.' })
  async set(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Body() dto: ProvincePolicyDto,
    @ClientIp() ip: string,
  ) {
    return this.db.transaction(async (tx) => {
      const rows = await updateReturning<{ province_code: string; before: boolean }>(
        tx,
        `UPDATE province_policies p SET auto_approve_clean_renewals = $2, updated_by = $3, updated_at = now()
         FROM (SELECT province_code, auto_approve_clean_renewals AS before FROM province_policies WHERE province_code = $1 FOR UPDATE) old
         WHERE p.province_code = old.province_code RETURNING p.province_code, old.before`,
        [code, dto.autoApproveCleanRenewals, user.id],
      );
      if (!rows.length) throw notFound(`Province ${code}`);
      await this.audit.record(tx, {
        actor: { kind: 'staff', id: user.id, role: user.role, ip },
        action: 'SET_PROVINCE_POLICY',
        subjectType: 'province',
        subjectId: code,
        data: { autoApproveCleanRenewals: { before: rows[0].before, after: dto.autoApproveCleanRenewals } },
      });
      return { provinceCode: code, autoApproveCleanRenewals: dto.autoApproveCleanRenewals };
    });
  }
}
