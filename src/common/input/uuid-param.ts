import { Param, PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { isStrictUuid } from './strict-formats';

/**
 * A path id that is not a UUID (8-4-4-4-12 hex digits) names nothing we have: 404, before any query
 * runs (Postgres would refuse, say, 36 hex digits without dashes with an error).
 */
export class StrictUuidPipe implements PipeTransform<unknown, string> {
  constructor(private readonly name: string) {}

  transform(value: unknown): string {
    if (isStrictUuid(value)) return value;
    throw new DomainError(
      'NOT_FOUND',
      `Nothing has this ${this.name}: it must be a UUID such as 3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f.`,
    );
  }
}

/** `@UuidParam('id')` instead of `@Param('id')` for every path segment that is a UUID. */
export const UuidParam = (name: string) => Param(name, new StrictUuidPipe(name));
