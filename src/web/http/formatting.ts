/** Only a path on this site may be a redirect target: never another origin (`//evil`, `https:`). */
export function safeLocalPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return fallback;
  }
  return value.length > 500 ? fallback : value;
}
