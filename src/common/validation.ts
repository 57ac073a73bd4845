import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from './errors/domain-error';

/** Flattens nested class-validator errors into `delivery.provinceCode`-style field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Whitelisted, unknown fields refused, nested objects validated, every error naming its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const list = flattenValidationErrors(errors);
      const detail = list.map((e) => `${e.field}: ${e.message}`).join('; ');
      return new DomainError('VALIDATION_FAILED', detail || 'The request body is not valid.', {
        errors: list,
      });
    },
  });
}
