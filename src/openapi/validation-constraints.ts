import { ApiProperty, DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { maxLengthOfPattern } from './pattern-length';

type Schema = Record<string, unknown>;

const DATE_ONLY = '^\\d{4}-\\d{2}-\\d{2}$';
/** IsISO8601 takes a date or a date and time; the document says so with a pattern, not a format. */
const ISO_8601 =
  '^\\d{4}-\\d{2}-\\d{2}([Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}(:?\\d{2})?)?)?$';
const UUID_LENGTH = 36;

/** What one property's class-validator decorators enforce, said in OpenAPI terms. */
export function constraintsOf(metadatas: ValidationMetadata[]): Schema {
  const out: Schema = {};
  const has = (name: string) => metadatas.some((m) => m.name === name && !m.each);
  for (const m of metadatas) {
    if (m.each) continue; // constraints on each item of an array: left to the item type
    const [a, b] = (m.constraints ?? []) as unknown[];
    switch (m.name) {
      case 'isOptional':
        out.required = false;
        break;
      case 'maxLength':
        out.maxLength = a;
        break;
      case 'minLength':
        out.minLength = a;
        break;
      case 'isLength':
        out.minLength = a;
        if (b !== undefined) out.maxLength = b;
        break;
      case 'isNotEmpty':
        if (out.minLength === undefined) out.minLength = 1;
        break;
      case 'matches':
        // A case-insensitive pattern has no JSON Schema form: leave it to the description.
        if (a instanceof RegExp && !a.flags.includes('i')) out.pattern = a.source;
        else if (typeof a === 'string' && !(typeof b === 'string' && b.includes('i'))) out.pattern = a;
        break;
      case 'isUuid':
      case 'isStrictUuid':
        out.format = 'uuid';
        out.maxLength ??= UUID_LENGTH;
        break;
      case 'isCalendarDate':
        out.format = 'date';
        out.maxLength = 10;
        break;
      case 'isDateTime':
        out.format = 'date-time';
        out.maxLength ??= 35;
        break;
      case 'isDateOrDateTime':
        out.pattern ??= ISO_8601;
        out.maxLength ??= 35;
        break;
      case 'isEmail':
        out.format = 'email';
        break;
      case 'isIn':
        out.enum = a;
        break;
      case 'isInt':
        out.type = 'integer';
        out.format = 'int32';
        break;
      case 'min':
        out.minimum = a;
        break;
      case 'max':
        out.maximum = a;
        break;
      case 'isBoolean':
        out.type = 'boolean';
        break;
      case 'equals':
        out.enum = [a];
        break;
      case 'arrayMaxSize':
        out.maxItems = a;
        break;
      case 'arrayMinSize':
        out.minItems = a;
        break;
    }
  }
  if (has('isIso8601') || has('isDateString')) {
    if (out.pattern === DATE_ONLY || (out.minLength === 10 && out.maxLength === 10)) {
      out.format = 'date';
      out.maxLength = 10;
    } else {
      out.pattern ??= ISO_8601;
      out.maxLength ??= 35;
    }
  }
  // JSON has no integers past 2^53 that JavaScript reads exactly: the bound when none is given.
  if (out.type === 'integer') {
    out.minimum ??= -Number.MAX_SAFE_INTEGER;
    out.maximum ??= Number.MAX_SAFE_INTEGER;
    if ((out.maximum as number) > 2_147_483_647 || (out.minimum as number) < -2_147_483_648)
      out.format = 'int64';
  }
  if (typeof out.pattern === 'string' && out.maxLength === undefined) {
    const bound = maxLengthOfPattern(out.pattern);
    if (bound !== null) out.maxLength = bound;
  }
  return out;
}

let applied = false;

/**
 * Copies every class-validator constraint of the DTO classes into their OpenAPI property metadata, so
 * the document states the limits the validation pipe enforces (maxLength, pattern, formats, enums,
 * minimum/maximum, optional) without saying them twice. An explicit @ApiProperty option wins; an
 * integer is always documented as one. Run once before the document is built.
 */
export function applyValidationConstraints(): void {
  if (applied) return;
  applied = true;
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<abstract new (...args: never[]) => unknown, ValidationMetadata[]>;
  };
  for (const [target, metadatas] of storage.validationMetadatas) {
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const m of metadatas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
    for (const [property, list] of byProperty) {
      const derived = constraintsOf(list);
      if (!Object.keys(derived).length) continue;
      const prototype = target.prototype as object;
      const existing = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, property) ??
        {}) as Schema;
      const merged: Schema = { ...derived, ...existing };
      if (derived.type === 'integer' && (existing.type === Number || existing.type === undefined)) {
        merged.type = 'integer';
        merged.format ??= 'int32';
      }
      if (existing.type === undefined && merged.type === undefined) {
        merged.type = Reflect.getMetadata('design:type', prototype, property) as unknown;
      }
      ApiProperty(merged)(prototype, property);
    }
  }
}
