import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

export interface AuditCheckpointRef {
  /** The store's name for it; names sort in the order checkpoints were taken. */
  name: string;
  createdAt: Date;
}

/**
 * Where checkpoints of the audit log live, outside the database. A checkpoint is a sequence of text
 * lines (see audit-checkpoint-format.ts); the store keeps them, never alters one, and lists them.
 */
export interface AuditCheckpointStore {
  /** Stores a complete checkpoint; it becomes visible only once every line is written. */
  write(createdAt: Date, lines: AsyncIterable<string>): Promise<AuditCheckpointRef>;
  /** Every checkpoint, oldest first. */
  list(): Promise<AuditCheckpointRef[]>;
  /** A checkpoint's lines, without their line ends. */
  read(name: string): AsyncIterable<string>;
  /** Where a checkpoint is, for messages (a path, a URL). */
  locate(name: string): string;
}

const NAME = /^audit-checkpoint-(\d{8}T\d{9}Z)\.ndjson\.gz$/;

const stamp = (at: Date) => at.toISOString().replace(/[-:.]/g, '');
const fromStamp = (s: string) =>
  new Date(
    `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`,
  );

/**
 * Checkpoints as gzipped files in a directory (AUDIT_CHECKPOINT_DIR), one per checkpoint, named by
 * the time it was taken. Mount it from storage the database's administrators cannot rewrite (another
 * host, an object store with retention lock): the checkpoints are worth what that separation is.
 */
export class DirectoryCheckpointStore implements AuditCheckpointStore {
  constructor(readonly directory: string) {}

  async write(createdAt: Date, lines: AsyncIterable<string>): Promise<AuditCheckpointRef> {
    await mkdir(this.directory, { recursive: true });
    const name = `audit-checkpoint-${stamp(createdAt)}.ndjson.gz`;
    const partial = join(this.directory, `.${name}.partial`);
    try {
      await pipeline(Readable.from(lines), createGzip(), createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, join(this.directory, name));
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { name, createdAt };
  }

  async list(): Promise<AuditCheckpointRef[]> {
    const names = await readdir(this.directory);
    return names
      .map((name) => NAME.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ name: m[0], createdAt: fromStamp(m[1]) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async *read(name: string): AsyncIterable<string> {
    if (!NAME.test(name)) throw new Error(`${name} is not the name of an audit checkpoint`);
    const file = createReadStream(join(this.directory, name));
    const gunzip = createGunzip();
    file.on('error', (error) => gunzip.destroy(error)); // pipe() alone would leave the reader waiting
    const lines = createInterface({ input: file.pipe(gunzip), crlfDelay: Infinity });
    for await (const line of lines) yield line;
  }

  locate(name: string): string {
    return join(this.directory, name);
  }
}

/** The store the settings name (AUDIT_CHECKPOINT_DIR), or null when checkpoints are off. */
export function checkpointStoreFor(env: { AUDIT_CHECKPOINT_DIR?: string }): AuditCheckpointStore | null {
  return env.AUDIT_CHECKPOINT_DIR ? new DirectoryCheckpointStore(env.AUDIT_CHECKPOINT_DIR) : null;
}
