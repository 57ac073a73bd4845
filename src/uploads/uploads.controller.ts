import { Controller, Post, Req, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Citizen, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { RetryAfterFilter } from '../auth/retry-after.filter';
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
  @ApiBadRequestResponse({ description: 'No "file" field in the form.' })
  @ApiPayloadTooLargeResponse({ description: 'Larger than 5 MB.' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Neither JPEG nor PNG, by content.' })
  @ApiUnprocessableEntityResponse({
    description: 'Dimensions outside 300×400 to 4000×4000 (named), or unreadable.',
  })
  async upload(@Req() request: FastifyRequest, @CurrentUser() user: AuthUser): Promise<UploadDto> {
    return this.uploads.accept(await readPhotoFile(request), user.id);
  }
}
