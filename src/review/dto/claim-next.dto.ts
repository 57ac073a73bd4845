import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { APPLICATION_TYPES } from '../../applications/dto/create-application.dto';

/** Which waiting case to take next: every filter narrows the province's queue. */
export class ClaimNextDto {
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
