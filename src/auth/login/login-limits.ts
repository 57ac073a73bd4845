/** A fixed window: at most `limit` hits per `windowSeconds`, counted in Redis across every process. */
export interface RateLimit {
  /** Part of the Redis key: `${QUEUE_PREFIX}:rl:${name}:…`. */
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Sign-in attempts per submitted identifier (citizen ID or username), counted whether or not an account
 * has it, and forgotten after a correct password. This is the lockout: the sixth try within the window
 * is refused, with the same 429 for an ID with an account and one without, and the owner's existing
 * sign-ins are never touched.
 */
export const LOGIN_PER_IDENTIFIER: RateLimit = { name: 'login-id', limit: 5, windowSeconds: 15 * 60 };

/** Sign-in attempts per client address: slows one machine spraying many IDs. */
export const LOGIN_PER_ADDRESS: RateLimit = { name: 'login-ip', limit: 50, windowSeconds: 15 * 60 };

/**
 * Registration attempts: each one is a guess at someone's ID + name + birth date. Per ID, to stop
 * birth-date guessing; per address loosely, since many people share one address behind carrier NAT.
 */
export const REGISTER_PER_IDENTIFIER: RateLimit = { name: 'register-id', limit: 10, windowSeconds: 60 * 60 };
export const REGISTER_PER_ADDRESS: RateLimit = { name: 'register-ip', limit: 100, windowSeconds: 60 * 60 };
