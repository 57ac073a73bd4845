import { CITIZEN_ID_PATTERN } from '../../../common/citizen-id';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate } from '../../../common/input/format-validators';

/** POST /api/v1/auth/citizen/register: must match the driver record on ID, name and birth date. */
export class RegisterCitizenDto {
  @ApiProperty({ example: '001090012345', description: 'The 12-digit citizen ID (CCCD).' })
  @Matches(CITIZEN_ID_PATTERN, { message: 'nationalId must be the 12 digits of your citizen ID' })
  nationalId!: string;

  @ApiProperty({
    example: 'Nguyễn Văn An',
    description: 'As on the citizen ID; case and diacritics are not compared.',
  })
  @IsString()
  @Length(1, 200)
  fullName!: string;

  @ApiProperty({ example: '1990-05-12', format: 'date' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date as YYYY-MM-DD' })
  @IsCalendarDate({ message: 'dateOfBirth must be a real calendar date (YYYY-MM-DD)' })
  dateOfBirth!: string;

  @ApiProperty({ example: '0912345678', description: 'A Vietnamese phone number: 0 or +84 then 9 digits.' })
  @Matches(/^(0|\+84)[0-9]{9}$/, { message: 'phone must be 0 or +84 followed by 9 digits' })
  phone!: string;

  @ApiPropertyOptional({ example: 'an.nguyen@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @Length(3, 254)
  email?: string;

  @ApiProperty({
    description: '8–128 characters; not a common password, not your citizen ID, phone number or name.',
  })
  @IsString()
  @Length(1, 1024)
  password!: string;
}

export class RegisteredCitizenDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '001090012345' })
  nationalId!: string;

  @ApiProperty({ example: 'Nguyễn Văn An', description: 'As the driver record spells it.' })
  fullName!: string;
}
