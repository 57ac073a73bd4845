import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NextCaseFilterDto } from './claim-next.dto';

/** Reasons an officer may give for refusing, shown to the citizen in plain words. */
export const REJECTION_REASONS = {
  IDENTITY_MISMATCH: 'The details do not match the citizen ID record.',
  PHOTO_UNSUITABLE: 'The portrait photo does not meet the requirements.',
  HEALTH_CERTIFICATE_INVALID: 'The health certificate is not valid for the classes held.',
  LICENCE_NOT_ELIGIBLE: 'The licence cannot be exchanged online.',
  DOCUMENTS_INCONSISTENT: 'The information given is inconsistent.',
  OTHER: 'See the note from the licensing office.',
} as const;
export type RejectionReason = keyof typeof REJECTION_REASONS;

export class VersionDto {
  @ApiProperty({ description: 'The case version you loaded; a newer one means someone else acted first' })
  @IsInt({ message: 'version must be the whole-number version of the case you loaded' })
  @Min(1)
  version!: number;
}

export class RejectDto extends VersionDto {
  @ApiProperty({ enum: Object.keys(REJECTION_REASONS) })
  @IsIn(Object.keys(REJECTION_REASONS), {
    message: `reasonCode must be one of ${Object.keys(REJECTION_REASONS).join(', ')}`,
  })
  reasonCode!: RejectionReason;

  @ApiProperty({ example: 'The photo is blurred.' })
  @IsString()
  @IsNotEmpty({ message: 'note is required: tell the citizen why' })
  @MaxLength(2000)
  note!: string;
}

export class RequestInfoDto extends VersionDto {
  @ApiProperty({ example: 'Please upload a sharper photo.' })
  @IsString()
  @IsNotEmpty({ message: 'message is required: say what the citizen must send' })
  @MaxLength(2000)
  message!: string;
}

export class ApproveDto extends VersionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    type: NextCaseFilterDto,
    description:
      'Also take your next case in the same step, as claim-next would with these filters (`{}` for none): the answer names it in `next`, or null when none is waiting (then ask claim-next, which can wait for one).',
  })
  @IsOptional()
  @IsObject({ message: 'takeNext must be an object: {} or the filters of claim-next (outcome, type)' })
  @ValidateNested()
  @Type(() => NextCaseFilterDto)
  takeNext?: NextCaseFilterDto;
}

export class LicenceVerificationDto extends VersionDto {
  @ApiProperty({
    description:
      "The issuing office's answer: true when it confirmed the licence (add it to the register first), false when it has no record of it",
  })
  @IsBoolean({ message: 'confirmed must be true or false' })
  confirmed!: boolean;

  @ApiProperty({ example: 'Confirmed by the Hà Nội office, issuance list 1998/12.' })
  @IsString()
  @IsNotEmpty({ message: 'note is required: record what the issuing office answered' })
  @MaxLength(2000)
  note!: string;
}
