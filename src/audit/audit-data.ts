/**
 * An audit entry's data as the JSON Postgres will store, built once so the writer hashes exactly what
 * the jsonb column holds and the verifier, reading it back, gets the same value:
 * - Dates become ISO strings (an invalid Date is refused), as JSON.stringify would write them;
 * - undefined properties are dropped and undefined array items become null, as JSON.stringify does;
 * - bigint becomes its decimal string, a Buffer or Uint8Array its hex string, -0 becomes 0;
 * - strings (values and keys) with lone UTF-16 surrogates get U+FFFD in their place, which is what
 *   their UTF-8 encoding on the way to Postgres would store anyway;
 * - objects with toJSON() (other than Date) are replaced by what it returns.
 * Refused with an AuditDataError naming the path: NaN and infinities, functions, symbols, the NUL
 * character (jsonb cannot hold it), Maps, Sets and other non-plain objects, and cycles.
 */
export type AuditJson = null | boolean | number | string | AuditJson[] | { [key: string]: AuditJson };

export class AuditDataError extends TypeError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`audit data ${path}: ${reason}`);
    this.name = 'AuditDataError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A string as Postgres will return it: lone surrogates replaced (U+FFFD); NUL refused by the caller. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** The top level of an entry's data: a JSON object (the column's default is {}). */
export function normaliseAuditData(data: Record<string, unknown> | undefined): { [key: string]: AuditJson } {
  if (data === undefined || data === null) return {};
  const value = normalise(data, '$', new Set());
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new AuditDataError('$', 'must be an object');
  return value;
}

function normalise(value: unknown, path: string, parents: Set<object>): AuditJson {
  switch (typeof value) {
    case 'string':
      return text(value, path);
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new AuditDataError(path, `${value} has no JSON form`);
      return value === 0 ? 0 : value; // -0 is written as 0
    case 'bigint':
      return value.toString();
    case 'undefined':
      return null; // only reached inside arrays: object properties that are undefined are dropped
    case 'function':
    case 'symbol':
      throw new AuditDataError(path, `a ${typeof value} has no JSON form`);
  }
  if (value === null) return null;
  const object = value as object;
  if (object instanceof Date) {
    if (Number.isNaN(object.getTime())) throw new AuditDataError(path, 'an invalid Date');
    return object.toISOString();
  }
  if (object instanceof Uint8Array)
    return Buffer.from(object.buffer, object.byteOffset, object.byteLength).toString('hex');
  if (parents.has(object)) throw new AuditDataError(path, 'refers to itself (a cycle)');
  parents.add(object);
  try {
    if (Array.isArray(object)) return object.map((item, i) => normalise(item, `${path}[${i}]`, parents));
    const toJSON = (object as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return normalise(toJSON.call(object) as unknown, path, parents);
    const prototype: unknown = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null)
      throw new AuditDataError(path, `a ${object.constructor?.name ?? 'non-plain object'} has no JSON form`);
    const entries: [string, AuditJson][] = [];
    for (const [key, item] of Object.entries(object)) {
      if (item === undefined) continue;
      const at = `${path}.${key}`;
      entries.push([text(key, at), normalise(item, at, parents)]);
    }
    return Object.fromEntries(entries);
  } finally {
    parents.delete(object);
  }
}

function text(value: string, path: string): string {
  if (value.includes('\u0000'))
    throw new AuditDataError(path, 'contains the NUL character, which Postgres cannot store');
  return wellFormed(value);
}
