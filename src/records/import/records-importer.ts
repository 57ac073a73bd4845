import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ImportError, ImportProgress, ImportReport, ReportBuilder } from './import-report';
import { parseRecordLine } from './parse-record-line';
import { LineEntry, lastPerKey, PendingBatch } from './pending-batch';
import { RECORD_WRITERS, RunSql } from './record-writers';
import { RECORD_KINDS, RecordKind, RecordOfKind } from './reference-record';

export interface ImportOptions {
  /** Lines parsed and written together (default 2,000). */
  batchSize?: number;
  /** Called after each batch is written. */
  onProgress?: (progress: ImportProgress) => void;
}

export const DEFAULT_BATCH_SIZE = 2000;
export const MAX_BATCH_SIZE = 50_000;
const TRANSACTION_ATTEMPTS = 3;

/** The import stopped (database unreachable, unreadable input, …); `report` counts what was loaded. */
export class RecordsImportError extends Error {
  constructor(
    message: string,
    readonly report: ImportReport,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RecordsImportError';
  }
}

/** The database failed in a way no single row explains; the import cannot go on. */
class BatchWriteFailed extends Error {}

/** SQLSTATE of a failed statement, when the database gave one. */
function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Failures caused by the rows themselves: data exceptions (22), integrity violations (23) and
 * limits such as an oversized index entry (54). Anything else (connection lost, a bug in a statement)
 * would fail every row alike, so it stops the import instead of rejecting good lines.
 */
const isRowError = (error: unknown): boolean => /^(22|23|54)/.test(sqlState(error) ?? '');
const isRetryable = (error: unknown): boolean => ['40001', '40P01'].includes(sqlState(error) ?? '');
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Loads an NDJSON file of reference records (see README, "Reference records"): streams it line by
 * line, validates each line, and upserts the good ones in batches — one statement per kind per batch.
 * Bad lines are reported with their number and the rest still loads. Memory stays flat whatever the
 * file size: one batch is written while at most the next one is read, and reading waits for writing.
 */
@Injectable()
export class RecordsImporter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async import(input: NodeJS.ReadableStream, options: ImportOptions = {}): Promise<ImportReport> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new RangeError(`batchSize must be a whole number from 1 to ${MAX_BATCH_SIZE} (got ${batchSize})`);
    }
    const startedAt = performance.now();
    const report = new ReportBuilder();
    let linesRead = 0;
    let batch = new PendingBatch();
    let writing: Promise<void> = Promise.resolve();
    const send = (full: PendingBatch) => {
      writing = this.writeBatch(full, report).then(() =>
        options.onProgress?.(report.progress(full.lastLine)),
      );
      // Marked handled at once; the failure surfaces at the next `await writing`.
      writing.catch(() => undefined);
    };
    try {
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        linesRead += 1;
        const text = linesRead === 1 ? line.replace(/^\uFEFF/, '') : line;
        if (text.trim() === '') continue;
        batch.take(linesRead, parseRecordLine(text));
        if (batch.size >= batchSize) {
          await writing; // back-pressure: reading pauses until the previous batch is in the database
          send(batch);
          batch = new PendingBatch();
        }
      }
      await writing;
      if (batch.size > 0) send(batch);
      await writing;
    } catch (error) {
      const partial = report.build(linesRead, performance.now() - startedAt);
      const message =
        error instanceof BatchWriteFailed
          ? error.message
          : `reading the input failed after line ${linesRead}: ${messageOf(error)}`;
      throw new RecordsImportError(message, partial, { cause: error });
    }
    return report.build(linesRead, performance.now() - startedAt);
  }

  /** Writes one batch, kind by kind; records its loaded and refused lines in line order. */
  private async writeBatch(batch: PendingBatch, report: ReportBuilder): Promise<void> {
    const errors: ImportError[] = [...batch.refused];
    for (const kind of RECORD_KINDS) {
      errors.push(...(await this.writeKind(kind, batch.entries(kind), report)));
    }
    errors.sort((a, b) => a.line - b.line).forEach((error) => report.reject(error));
  }

  /**
   * One statement for the whole group; if the database refuses it, the lines are retried one by one
   * in their order, so only the rows it really refuses are reported and no good line is lost.
   */
  private async writeKind<K extends RecordKind>(
    kind: K,
    entries: LineEntry<RecordOfKind<K>>[],
    report: ReportBuilder,
  ): Promise<ImportError[]> {
    if (entries.length === 0) return [];
    const write = RECORD_WRITERS[kind];
    try {
      await this.inTransaction((run) => write(run, lastPerKey(entries)));
      report.loaded(kind, entries.length);
      return [];
    } catch (error) {
      if (!isRowError(error)) throw stopped(kind, entries, error);
    }
    const errors: ImportError[] = [];
    for (const entry of entries) {
      try {
        await this.inTransaction((run) => write(run, [entry.record]));
        report.loaded(kind, 1);
      } catch (error) {
        if (!isRowError(error)) throw stopped(kind, entries, error);
        errors.push({ line: entry.line, message: `the database refused this ${kind}: ${messageOf(error)}` });
      }
    }
    return errors;
  }

  private async inTransaction(work: (run: RunSql) => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.dataSource.transaction((manager) => work((sql, params) => manager.query(sql, params)));
        return;
      } catch (error) {
        // Two imports touching the same rows may deadlock; the loser simply tries again.
        if (!isRetryable(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
      }
    }
  }
}

function stopped(kind: RecordKind, entries: LineEntry[], error: unknown): BatchWriteFailed {
  return new BatchWriteFailed(
    `the database failed while writing the ${kind} lines of the batch from line ${entries[0]?.line}: ` +
      `${messageOf(error)}. Earlier batches are loaded; running the same file again is safe.`,
    { cause: error },
  );
}
