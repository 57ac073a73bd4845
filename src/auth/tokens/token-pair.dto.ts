import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class TokenPairDto {
  @ApiProperty({ description: 'Bearer token for API calls (HS256 JWT).' })
  accessToken!: string;

  @ApiProperty({ description: 'Single-use: exchange it at /api/v1/auth/refresh for a new pair.' })
  refreshToken!: string;

  @ApiProperty({ description: 'Seconds until the access token expires.', example: 900 })
  expiresIn!: number;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token from the last sign-in or refresh.' })
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}
