import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/input/format-validators';

export const APPLICATION_TYPES = [
  'RENEWAL',
  'REPLACEMENT_DAMAGED',
  'REPLACEMENT_LOST',
  'PAPER_CONVERSION',
  'DETAILS_CHANGE',
] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number];

export class DeliveryDto {
  @ApiProperty({
    enum: ['POST', 'OFFICE'],
    description: 'POST: the card is delivered; OFFICE: collected at the licensing office',
  })
  @IsIn(['POST', 'OFFICE'], { message: 'method must be POST or OFFICE' })
  method!: 'POST' | 'OFFICE';

  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @IsNotEmpty({ message: 'recipientName is required' })
  @MaxLength(120)
  recipientName!: string;

  @ApiProperty({ example: '0912345678' })
  @Matches(/^(0|\+84)[1-9][0-9]{8}$/, {
    message: 'phone must be a Vietnamese phone number such as 0912345678',
  })
  phone!: string;

  @ApiProperty({ example: '12 Phố Huế' })
  @IsString()
  @IsNotEmpty({ message: 'street is required' })
  @MaxLength(200)
  street!: string;

  @ApiProperty({ example: 'Phường Hai Bà Trưng' })
  @IsString()
  @IsNotEmpty({ message: 'commune is required' })
  @MaxLength(120)
  commune!: string;

  @ApiProperty({ example: '01', description: 'Two-digit province code (GET /api/v1/provinces)' })
  @Matches(/^[0-9]{2}$/, { message: 'provinceCode must be a two-digit province code' })
  provinceCode!: string;
}

export class NewDetailsDto {
  @ApiPropertyOptional({ example: 'Nguyễn Văn Ân' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  fullName?: string;

  @ApiPropertyOptional({ example: '1990-05-12' })
  @IsOptional()
  @IsCalendarDate({ message: 'dateOfBirth must be a date (YYYY-MM-DD)' })
  @Length(10, 10, { message: 'dateOfBirth must be a date (YYYY-MM-DD)' })
  dateOfBirth?: string;
}

/** A lost card is replaced on the holder's word: the declaration is that word, on the record. */
export class LossDeclarationDto {
  @ApiProperty({ example: '2026-10-01' })
  @IsCalendarDate({ message: 'lostOn must be a date (YYYY-MM-DD)' })
  @Length(10, 10, { message: 'lostOn must be a date (YYYY-MM-DD)' })
  lostOn!: string;

  @ApiProperty({ example: 'Lost with my wallet on the bus' })
  @IsString()
  @IsNotEmpty({ message: 'circumstances is required' })
  @MaxLength(1000)
  circumstances!: string;

  @ApiProperty({ example: true, description: 'I declare that the card is lost and that this is true' })
  @Equals(true, { message: 'confirmed must be true: you must declare the loss' })
  confirmed!: true;
}

export class CreateApplicationDto {
  @ApiProperty({ enum: APPLICATION_TYPES })
  @IsIn(APPLICATION_TYPES, { message: `type must be one of ${APPLICATION_TYPES.join(', ')}` })
  type!: ApplicationType;

  @ApiProperty({ example: '010123456789' })
  @Matches(/^[0-9]{12}$/, { message: 'licenceNumber must be the 12 digits printed on the licence' })
  licenceNumber!: string;

  @ApiPropertyOptional({
    example: 'HC-2026-000001',
    description: 'Required for classes other than A1, A and B1',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{4,40}$/, {
    message: 'healthCertificateNumber must be the number on the electronic health certificate',
  })
  healthCertificateNumber?: string;

  @ApiProperty({ format: 'uuid', description: 'The id returned by POST /api/v1/uploads' })
  @IsUUID('all', { message: 'photoUploadId must be the id returned by POST /api/v1/uploads' })
  photoUploadId!: string;

  @ApiProperty({ type: DeliveryDto })
  @IsDefined({ message: 'delivery is required: how the new card reaches you' })
  @ValidateNested()
  @Type(() => DeliveryDto)
  delivery!: DeliveryDto;

  @ApiPropertyOptional({
    type: NewDetailsDto,
    description:
      'DETAILS_CHANGE only, and optional: left out, the new card takes the name and date of birth of the citizen-ID record (the citizen confirms them instead of retyping); given, they must match that record',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewDetailsDto)
  newDetails?: NewDetailsDto;

  @ApiPropertyOptional({ type: LossDeclarationDto, description: 'Required for REPLACEMENT_LOST' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LossDeclarationDto)
  declaration?: LossDeclarationDto;
}
