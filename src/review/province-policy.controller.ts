import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { ClientIp, CurrentUser, Staff } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiProvinceCodeParam } from '../openapi/api-params';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ProvincePolicyResultDto } from './dto/staff-case-responses.dto';
import { ProvincePolicyService } from './province-policy.service';

class ProvincePolicyDto {
  @ApiProperty({ description: 'Approve clean renewals (every check passed, no flags) without a person' })
  @IsBoolean({ message: 'autoApproveCleanRenewals must be true or false' })
  autoApproveCleanRenewals!: boolean;
}

/** Admins set each province's straight-through policy; the change is audited with who and when. */
@ApiTags('admin')
@Controller('api/v1/admin/provinces')
export class ProvincePolicyController {
  constructor(private readonly policies: ProvincePolicyService) {}

  @Put(':code/policy')
  @Staff('admin')
  @ApiOperation({ summary: "Set a province's straight-through policy (audited)" })
  @ApiProvinceCodeParam()
  @ApiOkResponse({ type: ProvincePolicyResultDto })
  @ApiProblems(400, { status: 404, description: 'No such province.' })
  set(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Body() dto: ProvincePolicyDto,
    @ClientIp() ip: string,
  ) {
    return this.policies.set(user, code, dto.autoApproveCleanRenewals, ip);
  }
}
