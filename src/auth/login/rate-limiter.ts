import { createHash } from 'node:crypto';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { Environment } from '../../config/environment';
import { DomainError } from '../../common/errors/domain-error';
import { redisOptionsFromUrl } from '../../queue/redis-options';
import { RateLimit } from './login-limits';

// INCR and EXPIRE in one step, so a crash between them cannot leave a counter that never expires.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }`;

export interface RateLimitOutcome {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/** A 429 that says when to come back; the auth filter turns retryAfterSeconds into Retry-After. */
export function tooManyRequests(what: string, retryAfterSeconds: number): DomainError {
  const at = new Date(Date.now() + retryAfterSeconds * 1000);
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new DomainError(
    'RATE_LIMITED',
    `${what} Try again after ${at.toISOString().slice(11, 16)} UTC (in about ${minutes} minute${minutes === 1 ? '' : 's'}).`,
    { retryAfterSeconds, retryAt: at.toISOString() },
  );
}

/**
 * Fixed-window counters in Redis, shared by every api process. Keys hold a hash of the identifier, not
 * the citizen ID or address itself. If Redis is unreachable the limiter lets the attempt through and
 * logs it: the per-account lockout in Postgres still stands, and sign-in stays available.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(env: Environment) {
    this.redis = new Redis({
      ...redisOptionsFromUrl(env.REDIS_URL),
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
    });
    this.redis.on('error', () => undefined); // reported per call below; no log flood while Redis is down
    this.prefix = `${env.QUEUE_PREFIX}:rl:`;
  }

  keyOf(limit: RateLimit, identifier: string): string {
    const digest = createHash('sha256').update(identifier).digest('base64url').slice(0, 22);
    return `${this.prefix}${limit.name}:${digest}`;
  }

  async hit(limit: RateLimit, identifier: string): Promise<RateLimitOutcome> {
    try {
      const [count, ttl] = (await this.redis.eval(
        HIT_SCRIPT,
        1,
        this.keyOf(limit, identifier),
        limit.windowSeconds,
      )) as [number, number];
      return { allowed: count <= limit.limit, count, retryAfterSeconds: Math.max(1, ttl) };
    } catch (error) {
      this.logger.warn({ err: error, limit: limit.name }, 'rate limit not checked: Redis unavailable');
      return { allowed: true, count: 0, retryAfterSeconds: 0 };
    }
  }

  /** Forgets the count for one identifier (after it proved itself, e.g. a correct password). */
  async reset(limit: RateLimit, identifier: string): Promise<void> {
    await this.redis.del(this.keyOf(limit, identifier)).catch(() => undefined);
  }

  /** Hits every limit (so each counts the attempt) and throws a 429 if any is exceeded. */
  async enforce(what: string, hits: [RateLimit, string][]): Promise<void> {
    const outcomes = await Promise.all(hits.map(([limit, id]) => this.hit(limit, id)));
    const refused = outcomes.filter((o) => !o.allowed);
    if (refused.length) {
      throw tooManyRequests(what, Math.max(...refused.map((o) => o.retryAfterSeconds)));
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
