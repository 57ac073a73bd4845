import { ApiHeader, ApiParam } from '@nestjs/swagger';

/** A path parameter that is a UUID (an application, account, partner, key or alert id). */
export const ApiUuidParam = (name = 'id', description?: string) =>
  ApiParam({ name, description, schema: { type: 'string', format: 'uuid', maxLength: 36 } });

/** A two-digit province code, as GET /api/v1/provinces lists them. */
export const ApiProvinceCodeParam = (name = 'code') =>
  ApiParam({ name, schema: { type: 'string', pattern: '^\\d{2}$', maxLength: 2 }, example: '79' });

/** A UPU S10 tracking number such as EB000001258VN. */
export const ApiTrackingNumberParam = (name = 'trackingNumber') =>
  ApiParam({
    name,
    schema: { type: 'string', pattern: '^[A-Z]{2}\\d{9}[A-Z]{2}$', maxLength: 13 },
    example: 'EB000001258VN',
  });

/** The Idempotency-Key header of POST /api/v1/applications (checked in src/applications/idempotency.ts). */
export const ApiIdempotencyKeyHeader = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'A unique value (a UUID) per new application; the same value when you retry.',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{8,128}$', maxLength: 128 },
  });
