/**
 * What is logged of an unexpected error: its kind, the database's error code and the stack frames, but
 * not its message or fields, which may quote the values of a query (citizen IDs, names, addresses):
 * TypeORM's QueryFailedError carries the whole `query` and its `parameters`, and Postgres's messages
 * quote the value they refused.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  const e = error as { name?: unknown; code?: unknown; constraint?: unknown; stack?: unknown };
  return {
    errorName: typeof e?.name === 'string' ? e.name : typeof error,
    code: typeof e?.code === 'string' ? e.code : undefined,
    constraint: typeof e?.constraint === 'string' ? e.constraint : undefined,
    frames:
      typeof e?.stack === 'string'
        ? e.stack
            .split('\n')
            .filter((line) => /^\s+at /.test(line))
            .slice(0, 12)
            .map((line) => line.trim())
        : undefined,
  };
}

/**
 * An error's message with what could be a value cut out: quoted text, `Key (col)=(value)` pairs and
 * runs of 9 or more digits (citizen IDs, licence numbers, phones). For job and timer logs, where the
 * message is needed to act; the 500 path of a request logs no message at all.
 */
export function scrubbedMessage(error: unknown): string | undefined {
  const message = (error as { message?: unknown })?.message;
  if (typeof message !== 'string') return undefined;
  return message
    .split('\n')[0]
    .slice(0, 300)
    .replace(/"[^"]*"?|'[^']*'?/g, '"…"')
    .replace(/\([^)]*\)=\([^)]*\)?/g, '(…)=(…)')
    .replace(/\+?\d(?:[ -]?\d){8,}/g, '…');
}
