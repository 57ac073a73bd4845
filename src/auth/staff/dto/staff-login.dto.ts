import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class StaffLoginDto {
  @ApiProperty({ example: 'lan.nguyen' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  password!: string;
}
