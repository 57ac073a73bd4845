import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { APPLICATION_TYPES } from '../../applications/dto/create-application.dto';
import { APPLICATION_STATUSES } from '../../workflow/application-workflow';

export class WorkQueueQueryDto {
  @ApiPropertyOptional({ description: `Comma-separated: ${APPLICATION_STATUSES.join(', ')}`, maxLength: 500 })
  @IsOptional()
  @Matches(new RegExp(`^(${APPLICATION_STATUSES.join('|')})(,(${APPLICATION_STATUSES.join('|')}))*$`), {
    message: `status must be one or more (comma-separated) of ${APPLICATION_STATUSES.join(', ')}`,
  })
  status?: string;

  @ApiPropertyOptional({ enum: ['ELIGIBLE', 'FLAGGED', 'INELIGIBLE'] })
  @IsOptional()
  @IsIn(['ELIGIBLE', 'FLAGGED', 'INELIGIBLE'], { message: 'outcome must be ELIGIBLE, FLAGGED or INELIGIBLE' })
  outcome?: string;

  @ApiPropertyOptional({ enum: APPLICATION_TYPES })
  @IsOptional()
  @IsIn(APPLICATION_TYPES, { message: `type must be one of ${APPLICATION_TYPES.join(', ')}` })
  type?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dueBefore must be an ISO 8601 time' })
  dueBefore?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only cases past their deadline' })
  @IsOptional()
  @IsIn(['true', 'false'])
  breached?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;
}
