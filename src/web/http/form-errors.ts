/** A form problem as the page shows it: the field it belongs to and the sentence, already translated. */
export interface FormError {
  field: string;
  message: string;
  /** Where the summary links to, when the field is on another page (default: #field). */
  href?: string;
}

/** A problem found while checking a form, before translation: the field and a translation key. */
export interface FieldProblem {
  field: string;
  key: string;
  params?: Record<string, string | number>;
  href?: string;
}

export type FormValues = Record<string, string>;

/** Keeps only the named fields, as trimmed strings: whatever else a post carries is ignored. */
export function pickFields(body: unknown, names: readonly string[]): FormValues {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const values: FormValues = {};
  for (const name of names) {
    const raw = source[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    values[name] = typeof value === 'string' ? value.trim() : '';
  }
  return values;
}
