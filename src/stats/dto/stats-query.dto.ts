import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { PROVINCES } from '../../records/provinces.data';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const PROVINCE_CODES = PROVINCES.map((p) => p.code);

export class PublicStatsQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day (Vietnam time), inclusive.' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a real calendar date' })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-01-31',
    description: 'Last day (Vietnam time), inclusive; default today.',
  })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'to must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a real calendar date' })
  to?: string;
}

export class StatsQueryDto extends PublicStatsQueryDto {
  @ApiPropertyOptional({
    example: '79',
    description:
      'Two-digit province code. Officers and supervisors see their own province only (the default for them).',
  })
  @IsOptional()
  @IsIn(PROVINCE_CODES, { message: 'province must be the two-digit code of one of the 34 provinces' })
  province?: string;
}
