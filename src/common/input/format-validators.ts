import { ValidateBy, ValidationOptions } from 'class-validator';
import { isCalendarDate, isDateOrDateTime, isDateTime, isStrictUuid } from './strict-formats';

/** `YYYY-MM-DD`, a real calendar date. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isCalendarDate', validator: { validate: isCalendarDate } }, options);

/** A full ISO 8601 date-time with its zone (`2026-03-01T08:00:00Z`). */
export const IsDateTime = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isDateTime', validator: { validate: isDateTime } }, options);

/** Either of the two above; week dates (`2026-W10-1`) and ordinal dates are refused. */
export const IsDateOrDateTime = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isDateOrDateTime', validator: { validate: isDateOrDateTime } }, options);

/** 8-4-4-4-12 hex digits, nothing looser. */
export const IsStrictUuid = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isStrictUuid', validator: { validate: isStrictUuid } }, options);
