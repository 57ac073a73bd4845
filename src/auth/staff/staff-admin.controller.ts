import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiUuidParam } from '../../openapi/api-params';
import { ApiProblems } from '../../openapi/api-problems.decorator';
import { ClientIp, CurrentUser, Staff } from '../auth.decorators';
import type { AuthUser } from '../auth-user';
import { CreateStaffAccountDto } from './dto/create-staff-account.dto';
import {
  ListStaffAccountsQuery,
  StaffAccountDto,
  StaffAccountListDto,
  UpdateStaffAccountDto,
} from './dto/staff-account.dto';
import { StaffAccountsService } from './staff-accounts.service';
import { UuidParam } from '../../common/input/uuid-param';

@ApiTags('admin')
@Controller('api/v1/admin/staff')
@Staff('admin')
export class StaffAdminController {
  constructor(private readonly staff: StaffAccountsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a staff account' })
  @ApiCreatedResponse({ type: StaffAccountDto })
  @ApiProblems(400, { status: 409, description: 'The username is taken.' })
  create(
    @Body() body: CreateStaffAccountDto,
    @CurrentUser() admin: AuthUser,
    @ClientIp() ip: string,
  ): Promise<StaffAccountDto> {
    return this.staff.create(body, admin, ip);
  }

  @Get()
  @ApiOperation({ summary: 'List staff accounts by username' })
  @ApiOkResponse({ type: StaffAccountListDto })
  @ApiProblems(400)
  list(@Query() query: ListStaffAccountsQuery): Promise<StaffAccountListDto> {
    return this.staff.list(query.cursor, query.limit);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Disable (ending every session at once) or re-enable a staff account' })
  @ApiUuidParam()
  @ApiOkResponse({ type: StaffAccountDto })
  @ApiProblems(
    400,
    { status: 404, description: 'No such staff account.' },
    { status: 409, description: 'You cannot disable your own account.' },
  )
  update(
    @UuidParam('id') id: string,
    @Body() body: UpdateStaffAccountDto,
    @CurrentUser() admin: AuthUser,
    @ClientIp() ip: string,
  ): Promise<StaffAccountDto> {
    return this.staff.setDisabled(id, body.disabled, admin, ip);
  }
}
