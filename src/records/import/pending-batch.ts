import type { ImportError } from './import-report';
import type { ParsedLine } from './parse-record-line';
import { RECORD_KINDS, recordKey, RecordKind, RecordOfKind, ReferenceRecord } from './reference-record';

export interface LineEntry<R extends ReferenceRecord = ReferenceRecord> {
  line: number;
  record: R;
}

type EntriesByKind = { [K in RecordKind]: LineEntry<RecordOfKind<K>>[] };

/** The parsed lines of one batch, kept per kind and in line order, with the lines the parser refused. */
export class PendingBatch {
  readonly refused: ImportError[] = [];
  private readonly byKind = Object.fromEntries(RECORD_KINDS.map((k) => [k, []])) as unknown as EntriesByKind;
  private count = 0;
  private last = 0;

  take(line: number, parsed: ParsedLine): void {
    this.count += 1;
    this.last = line;
    if (parsed.ok) {
      (this.byKind[parsed.record.kind] as LineEntry[]).push({ line, record: parsed.record });
    } else {
      this.refused.push({ line, message: parsed.error });
    }
  }

  /** Non-blank lines taken. */
  get size(): number {
    return this.count;
  }

  get lastLine(): number {
    return this.last;
  }

  entries<K extends RecordKind>(kind: K): EntriesByKind[K] {
    return this.byKind[kind];
  }
}

/**
 * One record per key, the last line winning: Postgres refuses to update one row twice in a single
 * INSERT … ON CONFLICT, and applying the lines in order would leave the last one anyway.
 */
export function lastPerKey<R extends ReferenceRecord>(entries: readonly LineEntry<R>[]): R[] {
  const byKey = new Map<string, R>();
  for (const { record } of entries) byKey.set(recordKey(record), record);
  return [...byKey.values()];
}
