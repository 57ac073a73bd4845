import { pipeline, Transform, TransformCallback } from 'node:stream';
import type { FastifyInstance } from 'fastify';

/** Deepest nesting of objects and arrays a JSON body may have; ours need 4. */
export const MAX_JSON_DEPTH = 32;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Measures the nesting of a JSON text as its bytes arrive, without parsing it: brackets inside
 * strings do not count. Multi-byte UTF-8 never contains these ASCII bytes, so bytes are enough.
 */
export class JsonDepthScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(private readonly limit = MAX_JSON_DEPTH) {}

  /** False as soon as the nesting seen so far is deeper than the limit. */
  feed(chunk: Buffer): boolean {
    for (const byte of chunk) {
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inString = false;
      } else if (byte === QUOTE) {
        this.inString = true;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (++this.depth > this.limit) return false;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        this.depth--;
      }
    }
    return true;
  }
}

export class JsonTooDeepError extends Error {
  readonly code = 'JSON_TOO_DEEP';
  readonly statusCode = 400;
  constructor(readonly limit: number) {
    super(`The JSON body is nested more than ${limit} levels deep.`);
    this.name = 'JsonTooDeepError';
  }
}

/**
 * A pass-through stream that fails once the body nests deeper than the limit, before the parser
 * (or class-transformer and class-validator, which recurse) ever see it.
 */
export function depthLimitedStream(limit = MAX_JSON_DEPTH): Transform {
  const scanner = new JsonDepthScanner(limit);
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      if (scanner.feed(chunk)) callback(null, chunk);
      else callback(new JsonTooDeepError(limit));
    },
  });
}

export const isJsonContentType = (header: unknown): boolean =>
  typeof header === 'string' && /^\s*application\/([\w.+-]*\+)?json\s*(;|$)/i.test(header);

/** Every JSON body passes the depth check on its way to the parser (Fastify's preParsing hook). */
export function limitJsonDepth(fastify: FastifyInstance, limit = MAX_JSON_DEPTH): void {
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    if (!isJsonContentType(request.headers['content-type'])) return done(null, payload);
    // pipeline passes a client's abort on to the checked stream, which Fastify then reports.
    done(
      null,
      pipeline(payload, depthLimitedStream(limit), () => undefined),
    );
  });
}
