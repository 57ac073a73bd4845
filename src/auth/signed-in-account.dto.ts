import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES } from './auth-user';
import type { AuthUser } from './auth-user';

/** Who is signed in: what the web pages show and what access checks use. */
export class SignedInAccountDto implements AuthUser {
  @ApiProperty({ enum: ['citizen', 'staff'] })
  kind!: AuthUser['kind'];

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['citizen', ...STAFF_ROLES] })
  role!: AuthUser['role'];

  @ApiProperty({ type: String, nullable: true })
  nationalId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Officers and supervisors only.' })
  provinceCode!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Staff only.' })
  username!: string | null;
}
