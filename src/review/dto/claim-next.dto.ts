import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { APPLICATION_TYPES } from '../../applications/dto/create-application.dto';

/** Longer than this and proxies or clients in between may give up on the request. */
export const MAX_WAIT_SECONDS = 10;

/** Which waiting case to take next: every filter narrows the province's queue. */
export class NextCaseFilterDto {
  @ApiPropertyOptional({
    enum: ['ELIGIBLE', 'FLAGGED'],
    description:
      'Only cases the checks judged so. Without it a supervisor is given any waiting case and an officer any but the flagged ones, which only a supervisor may approve.',
  })
  @IsOptional()
  @IsIn(['ELIGIBLE', 'FLAGGED'], { message: 'outcome must be ELIGIBLE or FLAGGED' })
  outcome?: 'ELIGIBLE' | 'FLAGGED';

  @ApiPropertyOptional({ enum: APPLICATION_TYPES })
  @IsOptional()
  @IsIn(APPLICATION_TYPES, { message: `type must be one of ${APPLICATION_TYPES.join(', ')}` })
  type?: string;
}

/** claim-next: the filters, and how long to wait for a case when none is waiting. */
export class ClaimNextDto extends NextCaseFilterDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_WAIT_SECONDS,
    default: 0,
    description:
      'When no case is waiting, wait up to this many seconds (the service may hold a request for less: CLAIM_WAIT_MAX_SECONDS) for one to arrive before answering 204, instead of asking again and again. A case that arrives is given to the members waiting longest first, one member per case.',
  })
  @IsOptional()
  @IsInt({ message: 'waitSeconds must be a whole number of seconds' })
  @Min(0, { message: `waitSeconds must be between 0 and ${MAX_WAIT_SECONDS}` })
  @Max(MAX_WAIT_SECONDS, { message: `waitSeconds must be between 0 and ${MAX_WAIT_SECONDS}` })
  waitSeconds?: number;
}
