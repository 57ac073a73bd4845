import { CITIZEN_ID_PATTERN } from '../../../common/citizen-id';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { STAFF_ROLES, StaffRole } from '../../auth-user';

/** POST /api/v1/admin/staff and `npm run staff:create`. */
export class CreateStaffAccountDto {
  @ApiProperty({ example: 'lan.nguyen', description: '3–64 letters, digits, dot, underscore or hyphen.' })
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, {
    message: 'username must be 3–64 letters, digits, dots, underscores or hyphens',
  })
  username!: string;

  @ApiProperty({
    description: '8–128 characters, not a common password, not the username, name or citizen ID.',
  })
  @IsString()
  @Length(1, 1024)
  password!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, { message: `role must be one of ${STAFF_ROLES.join(', ')}` })
  role!: StaffRole;

  @ApiPropertyOptional({
    example: '01',
    description: 'Required for officers and supervisors; none for auditors and admins.',
  })
  @IsOptional()
  @Matches(/^[0-9]{2}$/, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;

  @ApiPropertyOptional({ example: 'Nguyễn Thị Lan', description: 'Defaults to the username.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  fullName?: string;

  @ApiPropertyOptional({
    example: '001190012345',
    description: "The member's own citizen ID: cases on their own licence are then refused to them.",
  })
  @IsOptional()
  @Matches(CITIZEN_ID_PATTERN, { message: 'nationalId must be 12 digits' })
  nationalId?: string;
}
