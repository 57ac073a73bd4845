import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsDateOrDateTime } from '../../common/input/format-validators';
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
  @IsDateOrDateTime({
    message: 'dueBefore must be a date (YYYY-MM-DD) or an ISO 8601 date-time with its zone',
  })
  dueBefore?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only cases past their deadline' })
  @IsOptional()
  @IsIn(['true', 'false'])
  breached?: string;

  @ApiPropertyOptional({
    description:
      "Finds cases by reference (01-2026-0000123), citizen ID or licence number (12 digits), or part of the applicant's name with or without diacritics. Without `status`, searches every status.",
    example: 'nguyen van an',
  })
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @Length(2, 100, { message: 'q must be 2 to 100 characters' })
  q?: string;

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
