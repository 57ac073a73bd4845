import { isIP } from 'node:net';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** What Fastify's `trustProxy` accepts from us: nobody, the nearest N hops, or these addresses/ranges. */
export type TrustProxySetting = false | number | string[];

/** proxy-addr's names for ranges (127.0.0.1/8 and ::1; 169.254/16 and fe80::/10; 10/8, 172.16/12, …). */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function entryProblem(entry: string): string | null {
  if (RANGE_NAMES.includes(entry)) return null;
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || extra !== undefined)
    return `"${entry}" is not an IP address, a CIDR range or ${RANGE_NAMES.join('/')}`;
  if (bits === undefined) return null;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return `"${entry}" has a prefix length outside 0–${max}`;
  return null;
}

/**
 * TRUSTED_PROXIES as Fastify's trustProxy: empty trusts no proxy (request.ip is the connecting peer and
 * X-Forwarded-For is ignored), a whole number N trusts the nearest N hops, and a comma-separated list
 * trusts those addresses/ranges (the client is the first address, from the right, not in the list).
 */
export function trustProxySetting(value: string): TrustProxySetting {
  const text = value.trim();
  if (text === '' || text === '0') return false;
  if (/^\d+$/.test(text)) return Number(text);
  return text.split(',').map((entry) => entry.trim());
}

/** Why a TRUSTED_PROXIES value is not valid, or null. */
export function trustedProxiesProblem(value: string): string | null {
  const setting = trustProxySetting(value);
  if (setting === false) return null;
  if (typeof setting === 'number') return setting <= 10 ? null : 'a hop count must be 0–10';
  for (const entry of setting) {
    const problem = entryProblem(entry);
    if (problem) return problem;
  }
  return null;
}

export function IsTrustedProxies(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTrustedProxies',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && trustedProxiesProblem(value) === null,
        defaultMessage: (args) =>
          `${typeof args?.value === 'string' ? trustedProxiesProblem(args.value) : 'must be a string'}: ` +
          'use empty (no proxy), a hop count, or addresses/CIDRs separated by commas',
      },
    },
    options,
  );
}
