import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { STAFF_ROLES, StaffRole } from '../../auth-user';
import type { StaffAccount } from '../staff-account.entity';

/** A staff account as admins see it: never the password hash. */
export class StaffAccountDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'lan.nguyen' })
  username!: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  fullName!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  role!: StaffRole;

  @ApiProperty({ type: String, nullable: true, example: '01' })
  provinceCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  nationalId!: string | null;

  @ApiProperty()
  disabled!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabledAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  static from(account: StaffAccount): StaffAccountDto {
    return {
      id: account.id,
      username: account.username,
      fullName: account.fullName,
      role: account.role,
      provinceCode: account.provinceCode,
      nationalId: account.nationalId,
      disabled: account.disabledAt !== null,
      disabledAt: account.disabledAt?.toISOString() ?? null,
      createdAt: account.createdAt.toISOString(),
    };
  }
}

export class StaffAccountListDto {
  @ApiProperty({ type: StaffAccountDto, isArray: true })
  items!: StaffAccountDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page.' })
  nextCursor!: string | null;
}

export class ListStaffAccountsQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page.', maxLength: 500 })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class UpdateStaffAccountDto {
  @ApiProperty({ description: 'true ends every session of the account at once; false allows sign-in again.' })
  @IsBoolean()
  disabled!: boolean;
}
