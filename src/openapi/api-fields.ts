import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Short property decorators for response DTOs, each with the limits the OpenAPI document needs
 * (every string bounded, every integer ranged). `optional` leaves the property out of `required`.
 */
type Extra = Omit<ApiPropertyOptions, 'type' | 'format' | 'enum'> & { optional?: boolean };

const withOptional = ({ optional, ...rest }: Extra): ApiPropertyOptions =>
  ({ ...rest, ...(optional ? { required: false } : {}) }) as ApiPropertyOptions;

const nullableType = (extra: Extra) => (extra.nullable ? { type: String } : { type: 'string' });

export const ApiUuid = (extra: Extra = {}) =>
  ApiProperty({
    ...withOptional(extra),
    ...nullableType(extra),
    format: 'uuid',
    maxLength: 36,
  } as ApiPropertyOptions);

export const ApiDateTime = (extra: Extra = {}) =>
  ApiProperty({
    ...withOptional(extra),
    ...nullableType(extra),
    format: 'date-time',
    maxLength: 30,
  } as ApiPropertyOptions);

export const ApiDate = (extra: Extra = {}) =>
  ApiProperty({
    ...withOptional(extra),
    ...nullableType(extra),
    format: 'date',
    maxLength: 10,
  } as ApiPropertyOptions);

/** Free or formatted text of at most maxLength characters (a pattern makes it stricter). */
export const ApiText = (maxLength: number, extra: Extra & { pattern?: string } = {}) =>
  ApiProperty({ ...withOptional(extra), ...nullableType(extra), maxLength } as ApiPropertyOptions);

export const ApiInt = (minimum = 0, maximum = 2_147_483_647, extra: Extra = {}) =>
  ApiProperty({
    ...withOptional(extra),
    type: 'integer',
    format: maximum > 2_147_483_647 ? 'int64' : 'int32',
    minimum,
    maximum,
  } as ApiPropertyOptions);

export const ApiEnum = (values: readonly string[], extra: Extra = {}) =>
  ApiProperty({
    ...withOptional(extra),
    type: 'string',
    // JSON Schema checks enum before nullable: null must be listed to be allowed.
    enum: extra.nullable ? [...values, null] : [...values],
  } as ApiPropertyOptions);

/** A free-form JSON object (evidence, record data) of at most maxProperties keys. */
export const ApiObject = (maxProperties = 50, extra: Extra = {}) =>
  ApiProperty({ ...withOptional(extra), type: 'object', maxProperties } as ApiPropertyOptions);
