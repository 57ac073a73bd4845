import { once } from 'node:events';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyStatement, RowBatch, TableKey, toCopyText } from './rows';

/**
 * One COPY … FROM STDIN in progress, written to in chunks with back-pressure: a write waits while
 * Postgres is behind, so memory stays bounded however many rows go through.
 */
export class CopyIn {
  private readonly stream: Writable;
  private readonly done: Promise<void>;
  private failure: Error | null = null;

  constructor(client: Client, key: TableKey) {
    this.stream = client.query(copyFrom(copyStatement(key)));
    this.done = finished(this.stream);
    // Remembered here and rethrown by write()/end(), so a failed COPY is never an unhandled rejection.
    this.done.catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
    });
  }

  async write(chunk: string): Promise<void> {
    this.throwIfFailed();
    if (chunk.length === 0) return;
    // A COPY that fails while we wait rejects `done`, which ends the wait with its error.
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), this.done]);
  }

  async end(): Promise<void> {
    this.throwIfFailed();
    this.stream.end();
    await this.done;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}

/** COPY a table's rows held in memory (small loads: the demo set). */
export async function copyRows<K extends TableKey>(client: Client, key: K, rows: RowBatch[K]): Promise<void> {
  if (rows.length === 0) return;
  const copy = new CopyIn(client, key);
  await copy.write(toCopyText(key, rows));
  await copy.end();
}

/** COPY every table of a batch, parents first. */
export async function copyBatch(client: Client, batch: RowBatch, keys: readonly TableKey[]): Promise<void> {
  for (const key of keys) await copyRows(client, key, batch[key]);
}
