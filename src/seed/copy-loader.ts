import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { Transform, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
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

  /** Abandons the COPY (Postgres receives CopyFail), so the connection can roll back. */
  async abort(): Promise<void> {
    if (this.stream.writableFinished || this.failure) return;
    this.stream.destroy(new Error('seed aborted'));
    await this.done.catch(() => undefined);
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

/** COPY a file of COPY text into a table, reporting bytes as they pass. */
export async function copyFile(
  client: Client,
  key: TableKey,
  path: string,
  onBytes: (bytes: number) => void,
): Promise<void> {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
  await pipeline(
    createReadStream(path, { highWaterMark: 1 << 20 }),
    counter,
    client.query(copyFrom(copyStatement(key))),
  );
}

/** Writes to a file stream, waiting for it to drain when its buffer is full. */
export async function writeWithBackPressure(stream: Writable, chunk: string): Promise<void> {
  if (chunk.length > 0 && !stream.write(chunk)) await once(stream, 'drain');
}
