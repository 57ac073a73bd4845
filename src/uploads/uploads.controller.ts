import { Controller, Post, Req, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Citizen, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { RetryAfterFilter } from '../auth/retry-after.filter';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { readPhotoFile } from './multipart-photo';
import { UploadDto, UploadFormDto } from './upload.dto';
import { UploadsService } from './uploads.service';

@ApiTags('citizens')
@Controller('api/v1/uploads')
@UseFilters(RetryAfterFilter) // the per-citizen upload limit answers 429 with Retry-After
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @Citizen()
  @ApiOperation({ summary: 'Upload a portrait photo (JPEG or PNG); metadata such as GPS is removed' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadFormDto })
  @ApiCreatedResponse({ type: UploadDto })
  @ApiProblems(
    { status: 400, description: 'No "file" field in the form, or more than one file.' },
    { status: 413, description: 'Larger than 5 MB.' },
    { status: 415, description: 'Neither JPEG nor PNG, by content.' },
    { status: 422, description: 'Dimensions outside 300×400 to 4000×4000 (named), or unreadable.' },
    { status: 429, description: 'Too many uploads: see Retry-After.' },
  )
  async upload(@Req() request: FastifyRequest, @CurrentUser() user: AuthUser): Promise<UploadDto> {
    return this.uploads.accept(await readPhotoFile(request), user.id);
  }
}
