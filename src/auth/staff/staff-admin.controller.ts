import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
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
  @ApiConflictResponse({ description: 'The username is taken.' })
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
  list(@Query() query: ListStaffAccountsQuery): Promise<StaffAccountListDto> {
    return this.staff.list(query.cursor, query.limit);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Disable (ending every session at once) or re-enable a staff account' })
  @ApiOkResponse({ type: StaffAccountDto })
  update(
    @UuidParam('id') id: string,
    @Body() body: UpdateStaffAccountDto,
    @CurrentUser() admin: AuthUser,
    @ClientIp() ip: string,
  ): Promise<StaffAccountDto> {
    return this.staff.setDisabled(id, body.disabled, admin, ip);
  }
}
