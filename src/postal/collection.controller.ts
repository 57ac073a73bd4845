import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentUser, Staff } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiUuidParam } from '../openapi/api-params';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { CollectedCaseDto } from '../review/dto/staff-case-responses.dto';
import { CollectionService } from './collection.service';
import { UuidParam } from '../common/input/uuid-param';

@ApiTags('staff applications')
@Controller('api/v1/staff/applications')
@Staff('officer', 'supervisor')
export class CollectionController {
  constructor(private readonly collections: CollectionService) {}

  @Post(':id/collect')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The citizen collected the card at the office (ISSUED or RETURNED_TO_OFFICE → COLLECTED)',
  })
  @ApiUuidParam()
  @ApiOkResponse({ type: CollectedCaseDto })
  @ApiProblems(
    { status: 404, description: 'No such application in your province.' },
    { status: 409, description: 'The card is not waiting at the office.' },
  )
  collect(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @ClientIp() ip: string) {
    return this.collections.collect(user, id, ip);
  }
}
