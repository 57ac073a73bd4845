/**
 * Typed, range-checked access to the fields of one JSON object, for the line parser. The first problem
 * stops the line and names the field by its full path (`licence.classes[0].expiresOn`), so the person
 * fixing the file knows exactly what to change.
 */
export class LineProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LineProblem';
  }
}

type JsonObject = Record<string, unknown>;

const EARLIEST_DATE = '1900-01-01';
const LATEST_DATE = '2100-12-31';
const SHOWN_VALUE_LENGTH = 60;

/** The offending value as it appeared in the line, shortened so one huge field cannot flood a report. */
export function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > SHOWN_VALUE_LENGTH ? `${json.slice(0, SHOWN_VALUE_LENGTH)}…` : json;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `text` is YYYY-MM-DD and that day exists in the calendar (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export interface TextRule {
  maxLength: number;
  /** When given, the (trimmed) text must match it in full. */
  pattern?: RegExp;
  /** What the pattern means, for the message: "12 digits". */
  expected?: string;
  /** Free text is trimmed and NFC-normalised; identifiers are taken exactly as given. */
  freeText?: boolean;
}

export class FieldReader {
  constructor(
    private readonly source: JsonObject,
    /** Path of this object in the line, e.g. `licence` or `licence.classes[0]`. */
    readonly path: string,
  ) {}

  private name(field: string): string {
    return `${this.path}.${field}`;
  }

  private fail(field: string, problem: string, value?: unknown): never {
    const got = value === undefined ? '' : ` (got ${shown(value)})`;
    throw new LineProblem(`${this.name(field)} ${problem}${got}`);
  }

  /** Refuses fields the format does not define: a misspelt optional field would otherwise be lost. */
  allowOnly(fields: readonly string[]): void {
    const unknown = Object.keys(this.source).find((key) => !fields.includes(key));
    if (unknown !== undefined) {
      this.fail(unknown, `is not a field of a ${this.path} record (allowed: ${fields.join(', ')})`);
    }
  }

  private present(field: string): unknown {
    const value = this.source[field];
    if (value === undefined || value === null) this.fail(field, 'is missing');
    return value;
  }

  private isAbsent(field: string): boolean {
    return this.source[field] === undefined || this.source[field] === null;
  }

  text(field: string, rule: TextRule): string {
    const value = this.present(field);
    if (typeof value !== 'string') return this.fail(field, 'must be a string', value);
    const text = rule.freeText ? value.trim().normalize('NFC') : value;
    if (text === '') return this.fail(field, 'must not be empty', value);
    if (text.includes('\u0000')) return this.fail(field, 'must not contain a NUL character', value);
    if (text.length > rule.maxLength) {
      return this.fail(field, `must be at most ${rule.maxLength} characters long`, value);
    }
    if (rule.pattern && !rule.pattern.test(text)) {
      return this.fail(field, `must be ${rule.expected ?? `of the form ${rule.pattern.source}`}`, value);
    }
    return text;
  }

  optionalText(field: string, rule: TextRule): string | null {
    return this.isAbsent(field) ? null : this.text(field, rule);
  }

  date(field: string): string {
    const value = this.present(field);
    if (typeof value !== 'string') return this.fail(field, 'must be a date string YYYY-MM-DD', value);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return this.fail(field, 'is not a date of the form YYYY-MM-DD', value);
    }
    if (!isCalendarDate(value)) return this.fail(field, 'is not a date', value);
    if (value < EARLIEST_DATE || value > LATEST_DATE) {
      return this.fail(field, `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`, value);
    }
    return value;
  }

  optionalDate(field: string): string | null {
    return this.isAbsent(field) ? null : this.date(field);
  }

  /** A date that must not fall before an earlier one of the same record. */
  dateNotBefore(field: string, earliest: { field: string; value: string }): string {
    const value = this.date(field);
    if (value < earliest.value)
      this.fail(field, `must not be before ${earliest.field} ${earliest.value}`, value);
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.present(field);
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      return this.fail(field, `must be one of ${allowed.join(', ')}`, value);
    }
    return value as T;
  }

  optionalOneOf<T extends string>(field: string, allowed: readonly T[], fallback: T): T {
    return this.isAbsent(field) ? fallback : this.oneOf(field, allowed);
  }

  integer(field: string, range: { min: number; max: number }): number {
    const value = this.present(field);
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      return this.fail(field, 'must be a whole number', value);
    }
    if (value < range.min) return this.fail(field, `must be at least ${range.min}`, value);
    if (value > range.max) return this.fail(field, `must be at most ${range.max}`, value);
    return value;
  }

  optionalInteger(field: string, range: { min: number; max: number }, fallback: number): number {
    return this.isAbsent(field) ? fallback : this.integer(field, range);
  }

  boolean(field: string): boolean {
    const value = this.present(field);
    if (typeof value !== 'boolean') return this.fail(field, 'must be true or false', value);
    return value;
  }

  optionalBoolean(field: string, fallback: boolean): boolean {
    return this.isAbsent(field) ? fallback : this.boolean(field);
  }

  object(field: string): FieldReader {
    const value = this.present(field);
    if (!isJsonObject(value)) return this.fail(field, 'must be an object', value);
    return new FieldReader(value, this.name(field));
  }

  /** A non-empty array, each element read by `item` with its index in the path. */
  array<T>(field: string, limits: { maxItems: number }, item: (value: unknown, path: string) => T): T[] {
    const value = this.present(field);
    if (!Array.isArray(value)) return this.fail(field, 'must be an array', value);
    if (value.length === 0) return this.fail(field, 'must not be empty', value);
    if (value.length > limits.maxItems) {
      return this.fail(field, `must have at most ${limits.maxItems} entries`, value);
    }
    return value.map((element, index) => item(element, `${this.name(field)}[${index}]`));
  }

  /** Stops the line with a problem found by a rule that spans fields. */
  refuse(field: string, problem: string, value?: unknown): never {
    return this.fail(field, problem, value);
  }
}
