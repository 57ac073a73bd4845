import {
  getMetadataStorage,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { constraintsOf } from './validation-constraints';

class Sample {
  @Matches(/^\d{12}$/) nationalId!: string;
  @Length(8, 128) password!: string;
  @IsOptional() @IsUUID('all') photoUploadId?: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) dateOfBirth!: string;
  @IsISO8601({ strict: true }) dueBefore!: string;
  @IsIn(['POST', 'OFFICE']) method!: string;
  @IsInt() @Min(1) @Max(200) limit!: number;
  @IsInt() @Min(1) version!: number;
  @Matches(/^[a-z]+$/i) caseless!: string;
}

const of = (property: keyof Sample) => {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<unknown, ValidationMetadata[]>;
  };
  return constraintsOf(
    (storage.validationMetadatas.get(Sample) ?? []).filter((m) => m.propertyName === property),
  );
};

describe('constraintsOf: what class-validator enforces, in OpenAPI terms', () => {
  it('states patterns with the length they bound, and lengths', () => {
    expect(of('nationalId')).toEqual({ pattern: '^\\d{12}$', maxLength: 12 });
    expect(of('password')).toEqual({ minLength: 8, maxLength: 128 });
  });

  it('gives UUIDs and dates their formats, and marks optional fields', () => {
    expect(of('photoUploadId')).toEqual({ required: false, format: 'uuid', maxLength: 36 });
    expect(of('dateOfBirth')).toMatchObject({ format: 'date', maxLength: 10 });
    expect(of('dueBefore')).toMatchObject({ maxLength: 35, pattern: expect.stringMatching(/^\^/) });
    expect(of('dueBefore').format).toBeUndefined(); // IsISO8601 takes a date or a date-time
  });

  it('states enums and integer ranges, bounding an open end at the safe integers', () => {
    expect(of('method')).toEqual({ enum: ['POST', 'OFFICE'] });
    expect(of('limit')).toEqual({ type: 'integer', format: 'int32', minimum: 1, maximum: 200 });
    expect(of('version')).toEqual({
      type: 'integer',
      format: 'int64',
      minimum: 1,
      maximum: Number.MAX_SAFE_INTEGER,
    });
  });

  it('leaves out a case-insensitive pattern, which JSON Schema cannot say', () => {
    expect(of('caseless')).toEqual({});
  });
});
