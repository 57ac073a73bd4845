import { RECORD_KINDS, RecordKind } from './reference-record';

/** A line that could not be loaded, with a reason a person can act on (no "line N:" prefix). */
export interface ImportError {
  line: number;
  message: string;
}

export interface ImportReport {
  /** Every physical line read, blank ones included (those are skipped, not rejected). */
  linesRead: number;
  /** Lines loaded per kind; a line later superseded by one with the same key still counts. */
  imported: Record<RecordKind, number>;
  rejected: number;
  /** The first MAX_REPORTED_ERRORS rejected lines, in line order. */
  errors: ImportError[];
  durationMs: number;
}

export interface ImportProgress {
  linesRead: number;
  imported: number;
  rejected: number;
}

export const MAX_REPORTED_ERRORS = 1000;

export const formatImportError = (error: ImportError): string => `line ${error.line}: ${error.message}`;

/** Collects an import's counts as batches complete. */
export class ReportBuilder {
  private readonly imported = Object.fromEntries(RECORD_KINDS.map((k) => [k, 0])) as Record<
    RecordKind,
    number
  >;
  private readonly errors: ImportError[] = [];
  private rejected = 0;

  loaded(kind: RecordKind, lines: number): void {
    this.imported[kind] += lines;
  }

  /** Errors must arrive in line order (batches are written one after another) to keep the first ones. */
  reject(error: ImportError): void {
    this.rejected += 1;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push(error);
  }

  progress(linesRead: number): ImportProgress {
    const imported = RECORD_KINDS.reduce((sum, kind) => sum + this.imported[kind], 0);
    return { linesRead, imported, rejected: this.rejected };
  }

  build(linesRead: number, durationMs: number): ImportReport {
    return {
      linesRead,
      imported: { ...this.imported },
      rejected: this.rejected,
      errors: [...this.errors],
      durationMs,
    };
  }
}
