import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditKey } from '../audit-hash';
import type { AuditCheckpointStore } from './audit-checkpoint-store';

/**
 * A checkpoint, line by line (NDJSON):
 *   {"format":"licence-renewal/audit-checkpoint","version":1,"createdAt":…,"entries":N,"unkeyedMaxId":…}
 *   ["<chain>",<last seq>,"<hash of that entry, hex>"]      one line per chain, in the database's chain order
 *   {"end":true,"chains":C}
 *   {"signature":"<hex>"}    HMAC-SHA256 with the checkpoint key over every line before it, "\n" included
 * One line per chain keeps it simple to check every chain against the log: 254,780 applications make
 * about 30 MB before gzip. JSON escapes every control character, so a line never holds a line end.
 */
export const CHECKPOINT_FORMAT = 'licence-renewal/audit-checkpoint';

export interface CheckpointHeader {
  format: typeof CHECKPOINT_FORMAT;
  version: 1;
  createdAt: string;
  /** Entries in the log when it was taken. */
  entries: number;
  /** The highest id of an entry with an unkeyed (legacy SHA-256) link; none may be written after. */
  unkeyedMaxId: string | null;
}

export interface CheckpointHead {
  chain: string;
  seq: number;
  hash: Buffer;
}

export async function* signedCheckpointLines(
  key: AuditKey,
  header: Omit<CheckpointHeader, 'format' | 'version'>,
  heads: AsyncIterable<CheckpointHead>,
  counted: (chains: number) => void = () => undefined,
): AsyncIterable<string> {
  const mac = createHmac('sha256', key.checkpointKey);
  const line = (value: unknown) => {
    const text = `${JSON.stringify(value)}\n`;
    mac.update(text);
    return text;
  };
  yield line({ format: CHECKPOINT_FORMAT, version: 1, ...header } satisfies CheckpointHeader);
  let chains = 0;
  for await (const head of heads) {
    chains++;
    yield line([head.chain, head.seq, head.hash.toString('hex')]);
  }
  yield line({ end: true, chains });
  counted(chains);
  yield `${JSON.stringify({ signature: mac.digest('hex') })}\n`;
}

export type CheckpointCheck =
  { valid: true; header: CheckpointHeader; chains: number } | { valid: false; reason: string };

/** Reads a checkpoint once, checking its signature and shape; only then are its heads worth reading. */
export async function checkCheckpoint(
  store: AuditCheckpointStore,
  name: string,
  key: AuditKey,
): Promise<CheckpointCheck> {
  const mac = createHmac('sha256', key.checkpointKey);
  const seen: Shape = { header: null, chains: 0, footer: null, problem: null };
  let pending: string | null = null; // the last line is the signature: hash every line before it
  for await (const text of store.read(name)) {
    if (pending !== null) {
      mac.update(`${pending}\n`);
      seen.problem ??= shapeProblem(seen, pending);
    }
    pending = text;
  }
  const signature = parse(pending ?? '') as { signature?: unknown } | null;
  if (typeof signature?.signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature.signature))
    return { valid: false, reason: 'it has no signature line' };
  if (!timingSafeEqual(mac.digest(), Buffer.from(signature.signature, 'hex')))
    return { valid: false, reason: 'its signature does not match (altered, or not signed with this key)' };
  if (seen.problem) return { valid: false, reason: seen.problem };
  if (seen.header === null || seen.footer === null) return { valid: false, reason: 'it is incomplete' };
  if (seen.footer.chains !== seen.chains)
    return { valid: false, reason: `it lists ${seen.chains} chains but its end says ${seen.footer.chains}` };
  return { valid: true, header: seen.header, chains: seen.chains };
}

interface Shape {
  header: CheckpointHeader | null;
  chains: number;
  footer: { chains: number } | null;
  problem: string | null;
}

function shapeProblem(seen: Shape, text: string): string | null {
  const value = parse(text);
  if (seen.header === null) {
    if (!isHeader(value)) return 'its first line is not a checkpoint header';
    seen.header = value;
  } else if (seen.footer !== null) return 'it has lines after its end';
  else if (isHead(value)) seen.chains++;
  else if (isFooter(value)) seen.footer = value;
  else return `line ${seen.chains + 2} is not a chain head`;
  return null;
}

/** The heads of a checkpoint already checked by checkCheckpoint. */
export async function* checkpointHeads(
  store: AuditCheckpointStore,
  name: string,
): AsyncIterable<CheckpointHead> {
  for await (const text of store.read(name)) {
    const value = parse(text);
    if (isHead(value)) yield { chain: value[0], seq: value[1], hash: Buffer.from(value[2], 'hex') };
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isHeader(v: unknown): v is CheckpointHeader {
  const h = v as CheckpointHeader;
  return (
    typeof v === 'object' &&
    v !== null &&
    h.format === CHECKPOINT_FORMAT &&
    h.version === 1 &&
    typeof h.createdAt === 'string' &&
    Number.isSafeInteger(h.entries) &&
    (h.unkeyedMaxId === null || (typeof h.unkeyedMaxId === 'string' && /^\d{1,19}$/.test(h.unkeyedMaxId)))
  );
}

function isHead(v: unknown): v is [string, number, string] {
  return (
    Array.isArray(v) &&
    v.length === 3 &&
    typeof v[0] === 'string' &&
    Number.isSafeInteger(v[1]) &&
    (v[1] as number) >= 1 &&
    typeof v[2] === 'string' &&
    /^[0-9a-f]{64}$/.test(v[2])
  );
}

function isFooter(v: unknown): v is { end: true; chains: number } {
  const f = v as { end?: unknown; chains?: unknown };
  return typeof v === 'object' && v !== null && f.end === true && Number.isSafeInteger(f.chains);
}
