import { Body, Controller, Delete, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiUuidParam } from '../openapi/api-params';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ClientIp, CurrentUser, Staff } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import {
  CreatePostalPartnerDto,
  IssuedPartnerKeyDto,
  PartnerKeyDto,
  PostalPartnerDto,
  PostalPartnerListDto,
} from './dto/postal-partner-admin.dto';
import { PostalPartnersAdminService } from './partners/postal-partners-admin.service';
import { UuidParam } from '../common/input/uuid-param';

@ApiTags('admin')
@Controller('api/v1/admin/postal-partners')
@Staff('admin')
export class PostalAdminController {
  constructor(private readonly admin: PostalPartnersAdminService) {}

  @Get()
  @ApiOperation({ summary: 'Postal partners and their keys (never the keys themselves)' })
  @ApiOkResponse({ type: PostalPartnerListDto })
  list(): Promise<PostalPartnerListDto> {
    return this.admin.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a postal partner' })
  @ApiCreatedResponse({ type: PostalPartnerDto })
  @ApiProblems(400, { status: 409, description: 'A partner of that name exists.' })
  create(
    @Body() body: CreatePostalPartnerDto,
    @CurrentUser() admin: AuthUser,
    @ClientIp() ip: string,
  ): Promise<PostalPartnerDto> {
    return this.admin.create(body.name, admin, ip);
  }

  @Post(':id/keys')
  @ApiOperation({ summary: 'Issue a new API key (shown once); a partner may hold several, to rotate' })
  @ApiUuidParam()
  @ApiCreatedResponse({ type: IssuedPartnerKeyDto })
  @ApiProblems({ status: 404, description: 'No such partner.' })
  issueKey(
    @UuidParam('id') id: string,
    @CurrentUser() admin: AuthUser,
    @ClientIp() ip: string,
  ): Promise<IssuedPartnerKeyDto> {
    return this.admin.issueKey(id, admin, ip);
  }

  @Delete(':id/keys/:keyId')
  @ApiOperation({ summary: 'Revoke an API key: refused from the next request on' })
  @ApiUuidParam()
  @ApiUuidParam('keyId')
  @ApiOkResponse({ type: PartnerKeyDto })
  @ApiProblems({ status: 404, description: 'No such key of this partner.' })
  revokeKey(
    @UuidParam('id') id: string,
    @UuidParam('keyId') keyId: string,
    @CurrentUser() admin: AuthUser,
    @ClientIp() ip: string,
  ): Promise<PartnerKeyDto> {
    return this.admin.revokeKey(id, keyId, admin, ip);
  }
}
