import { CITIZEN_ID_PATTERN } from '../../../common/citizen-id';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class CitizenLoginDto {
  @ApiProperty({ example: '001090012345' })
  @Matches(CITIZEN_ID_PATTERN, { message: 'nationalId must be the 12 digits of your citizen ID' })
  nationalId!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  password!: string;
}
