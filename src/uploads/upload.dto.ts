import { ApiProperty } from '@nestjs/swagger';

export class UploadDto {
  @ApiProperty({ format: 'uuid', description: 'Pass as photoUploadId when applying; usable once.' })
  id!: string;

  @ApiProperty({
    enum: ['image/jpeg', 'image/png'],
    description: 'Judged by the content, not the file name.',
  })
  contentType!: string;

  @ApiProperty({ example: 600 })
  width!: number;

  @ApiProperty({ example: 800 })
  height!: number;

  @ApiProperty({ example: 84211, description: 'Size after metadata was stripped.' })
  bytes!: number;
}

/** The multipart form, for the OpenAPI document. */
export class UploadFormDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'A portrait photo, JPEG or PNG, at most 5 MB, 300×400 to 4000×4000 pixels.',
  })
  file!: unknown;
}
