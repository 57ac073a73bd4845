import { SubmittedCheckDto } from '../applications/dto/application-responses.dto';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

const DEPENDENCY = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['up', 'down'] },
    message: { type: 'string', maxLength: 1000 },
  },
  required: ['status'],
};

/** One field's complaint in a validation problem. */
export class FieldErrorDto {
  @ApiProperty({ maxLength: 200, example: 'delivery.provinceCode' })
  field!: string;

  @ApiProperty({ maxLength: 1000, example: 'provinceCode must be a two-digit province code' })
  message!: string;
}

/**
 * RFC 9457 problem details as src/common/errors/problem-details.filter.ts sends them
 * (application/problem+json): the standard members, our error `code`, and the extension members some
 * problems carry. `detail` and `errors` are unbounded in principle (one entry per invalid field).
 */
@ApiExtraModels(SubmittedCheckDto)
export class ProblemDetailsDto {
  @ApiProperty({
    maxLength: 100,
    pattern: '^(urn:problem:[a-z-]+|about:blank)$',
    example: 'urn:problem:validation-failed',
    description: '`urn:problem:` and the code in kebab case',
  })
  type!: string;

  @ApiProperty({ maxLength: 200, example: 'The request is not valid' })
  title!: string;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 400, maximum: 599, example: 400 })
  status!: number;

  @ApiProperty({
    maxLength: 100_000,
    example: 'delivery.provinceCode: provinceCode must be a two-digit province code',
  })
  detail!: string;

  @ApiPropertyOptional({
    maxLength: 2048,
    pattern: '^/',
    example: '/api/v1/applications',
    description: 'The path',
  })
  instance?: string;

  @ApiProperty({ maxLength: 50, pattern: '^[A-Z0-9_]+$', example: 'VALIDATION_FAILED' })
  code!: string;

  @ApiPropertyOptional({
    type: [FieldErrorDto],
    maxItems: 10_000,
    description: 'Validation: each field and what is wrong',
  })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ format: 'uuid', description: '500 only: the id the error was logged with' })
  errorId?: string;

  @ApiPropertyOptional({
    maxLength: 20,
    description:
      'Refused by the records before any fee (urn:problem:ineligible): the reference of the refused attempt',
  })
  reference?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    pattern: '^[A-Z_]+$',
    description: 'Refused applications: the eligibility rule',
  })
  rule?: string;

  @ApiPropertyOptional({
    type: String,
    maxLength: 1000,
    nullable: true,
    description: 'Refused applications: what the citizen can do',
  })
  action?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: 2_147_483_647,
    description: 'Stale version (409): the case version now',
  })
  currentVersion?: number;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 86_400,
    description: '429: seconds to wait, as in Retry-After',
  })
  retryAfterSeconds?: number;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 30, description: '429: when to try again' })
  retryAt?: string;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 1_000_000,
    description: 'Photo refused for its size (422): its width in pixels',
  })
  width?: number;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 1_000_000,
    description: 'Photo refused for its size (422): its height in pixels',
  })
  height?: number;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'object', properties: { postgres: DEPENDENCY, redis: DEPENDENCY } },
      { type: 'array', maxItems: 50, items: { $ref: getSchemaPath(SubmittedCheckDto) } },
    ],
    description:
      "/health/ready (503): each dependency with its status; refused by the records before any fee (422 urn:problem:ineligible): every check, in the reader's language",
  })
  checks?: Record<string, { status: 'up' | 'down'; message?: string }> | SubmittedCheckDto[];
}
