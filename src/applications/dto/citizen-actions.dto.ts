import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class CancelApplicationDto {
  @ApiPropertyOptional({ example: 'I applied by mistake' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class SupplementDto {
  @ApiProperty({ example: 'Here is my new health certificate.' })
  @IsString()
  @IsNotEmpty({ message: 'message is required: answer the question the office asked' })
  @MaxLength(2000)
  message!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'photoUploadId must be the id returned by POST /api/v1/uploads' })
  photoUploadId?: string;

  @ApiPropertyOptional({ example: 'HC-2026-000002' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{4,40}$/, {
    message: 'healthCertificateNumber must be the number on the electronic health certificate',
  })
  healthCertificateNumber?: string;
}

export class ListQueryDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(100)
  limit?: number;
}
