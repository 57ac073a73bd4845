import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { hasControlCharacter } from './strict-formats';

/** Free-text fields that may span lines (a message to the citizen, a refusal note, a courier's detail). */
const MULTI_LINE_FIELDS = new Set(['message', 'note', 'detail', 'description', 'reason']);

const MAX_WALK_DEPTH = 64;

/**
 * The path of the first string (or key) in `input` holding a control character, or null. Walks
 * nested objects and arrays; line breaks pass only in the multi-line fields above.
 */
export function findControlCharacter(
  input: unknown,
  path: string,
  linesAllowed: boolean,
  depth = 0,
): string | null {
  if (typeof input === 'string') {
    const field =
      path
        .split('.')
        .pop()
        ?.replace(/\[\d+\]$/, '') ?? '';
    return hasControlCharacter(input, linesAllowed && MULTI_LINE_FIELDS.has(field)) ? path : null;
  }
  if (!input || typeof input !== 'object' || depth > MAX_WALK_DEPTH) return null;
  if (Array.isArray(input)) {
    for (const [i, item] of input.entries()) {
      const found = findControlCharacter(item, `${path}[${i}]`, linesAllowed, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (Buffer.isBuffer(input)) return null;
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const here = path ? `${path}.${key}` : key;
    if (hasControlCharacter(key, false)) return path || '(field name)';
    const found = findControlCharacter(value, here, linesAllowed, depth + 1);
    if (found) return found;
  }
  return null;
}

export function controlCharacterError(field: string): DomainError {
  const message = `${field} contains a control character (such as NUL or a line break) that cannot be used here; remove it and send again.`;
  return new DomainError('VALIDATION_FAILED', message, { errors: [{ field, message }] });
}

/** Throws the 400 naming the field when any string of the request carries a control character. */
export function assertNoControlCharacters(request: {
  query?: unknown;
  params?: unknown;
  body?: unknown;
}): void {
  const field =
    findControlCharacter(request.params, '', false) ??
    findControlCharacter(request.query, '', false) ??
    findControlCharacter(request.body, '', true);
  if (field) throw controlCharacterError(field);
}

/**
 * Runs on every route before its own guards (sign-in strategies read the body too), API and web
 * pages alike: no text with NUL or another C0 control reaches a service or Postgres, which refuses
 * NUL in text with an error that would otherwise be a 500.
 */
@Injectable()
export class ControlCharactersGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    assertNoControlCharacters(context.switchToHttp().getRequest());
    return true;
  }
}
