import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiInt, ApiText, ApiUuid } from '../openapi/api-fields';

/** OpenAPI shape of one audit entry (AuditItem in audit-query.ts). */
export class AuditActorDto {
  @ApiText(20, { example: 'staff' }) kind!: string;
  @ApiText(100, { nullable: true }) id!: string | null;
  @ApiText(20, { nullable: true }) role!: string | null;
  @ApiText(64, { nullable: true }) ip!: string | null;
  @ApiText(100, { nullable: true, description: 'Staff only' }) username!: string | null;
}

export class AuditSubjectDto {
  @ApiText(40, { example: 'application' }) type!: string;
  @ApiText(100) id!: string;
}

export class AuditItemDto {
  @ApiText(20, { pattern: '^\\d+$', description: 'The entry id (a bigint, as a string)' }) id!: string;
  @ApiDateTime() occurredAt!: string;
  @ApiProperty({ type: AuditActorDto }) actor!: AuditActorDto;
  @ApiText(64, { example: 'APPROVE' }) action!: string;
  @ApiProperty({ type: AuditSubjectDto }) subject!: AuditSubjectDto;
  @ApiUuid({ nullable: true }) applicationId!: string | null;
  @ApiText(40, { nullable: true }) fromState!: string | null;
  @ApiText(40, { nullable: true }) toState!: string | null;
  @ApiText(2000, { nullable: true }) reason!: string | null;
  @ApiProperty({ description: 'What the action recorded (any JSON)', nullable: true }) data!: unknown;
  @ApiText(200, { description: 'The hash chain the entry belongs to' }) chain!: string;
  @ApiInt(1, 9_007_199_254_740_991) chainSeq!: number;
  @ApiText(128, { nullable: true, pattern: '^[0-9a-f]+$' }) prevHash!: string | null;
  @ApiText(128, { pattern: '^[0-9a-f]+$' }) hash!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditItemDto], maxItems: 200 }) items!: AuditItemDto[];
  @ApiText(500, { nullable: true }) nextCursor!: string | null;
}
