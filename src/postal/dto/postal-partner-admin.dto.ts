import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { IssuedKey } from '../partners/postal-partner-admin';
import type { PartnerKey, PostalPartner } from '../partners/postal-partners.repository';

export class CreatePostalPartnerDto {
  @ApiProperty({ example: 'Vietnam Post' })
  @IsString()
  @Length(2, 100, { message: 'name must be 2 to 100 characters' })
  name!: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A key as admins see it: never the key or its hash, only the first characters. */
export class PartnerKeyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    example: 'lrpk_3xK9aQ',
    description: 'The first characters of the key, to tell keys apart.',
  })
  prefix!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Within a minute.' })
  lastUsedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: string | null;

  static from(k: PartnerKey): PartnerKeyDto {
    return {
      id: k.id,
      prefix: k.prefix,
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: iso(k.lastUsedAt),
      revokedAt: iso(k.revokedAt),
    };
  }
}

export class IssuedPartnerKeyDto extends PartnerKeyDto {
  @ApiProperty({ format: 'uuid' })
  partnerId!: string;

  @ApiProperty({ description: 'The API key. Shown this once: store it now; only its hash is kept.' })
  key!: string;

  static fromIssued(k: IssuedKey): IssuedPartnerKeyDto {
    return { ...PartnerKeyDto.from(k), partnerId: k.partnerId, key: k.key };
  }
}

export class PostalPartnerDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Vietnam Post' })
  name!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: PartnerKeyDto, isArray: true })
  keys!: PartnerKeyDto[];

  static from(p: PostalPartner, keys: PartnerKey[] = []): PostalPartnerDto {
    return {
      id: p.id,
      name: p.name,
      createdAt: p.createdAt.toISOString(),
      keys: keys.map((k) => PartnerKeyDto.from(k)),
    };
  }
}

export class PostalPartnerListDto {
  @ApiProperty({ type: PostalPartnerDto, isArray: true })
  items!: PostalPartnerDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Always null: partners are few.' })
  nextCursor!: null;
}
