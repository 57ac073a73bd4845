const MAX_LENGTH = 500;

/** C0 controls (tab, CR, LF among them) and DEL: browsers drop some of them from URLs, so `/\t/x` is `//x`. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The value and what it becomes when percent-decoded once, twice… (null when it cannot be decoded). */
function decodings(value: string): string[] | null {
  const forms = [value];
  let current = value;
  for (let i = 0; i < 3 && current.includes('%'); i++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      return null;
    }
    forms.push(current);
  }
  return forms;
}

const unsafe = (form: string) =>
  !form.startsWith('/') || form.startsWith('//') || form.includes('\\') || CONTROL.test(form);

/**
 * Where a `next` (return-to) parameter may send the browser: a path on this site only. Anything that
 * does not start with one `/`, starts with `//` or `/\`, holds a backslash or a control character (raw
 * or percent-encoded, as `/%09/evil.example` would be read as `//evil.example`), or is over 500
 * characters falls back. Every web redirect that takes such a parameter goes through here.
 */
export function safeRedirectTarget(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length > MAX_LENGTH) return fallback;
  const forms = decodings(next);
  if (!forms || forms.some(unsafe)) return fallback;
  return next;
}
