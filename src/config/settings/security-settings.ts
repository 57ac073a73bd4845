import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Min, MinLength } from 'class-validator';
import { IsTrustedProxies } from '../trusted-proxies';
import { toInt, emptyAsUnset } from './setting-transforms';

/** Sessions, the audit log's key, and what the service exposes (metrics, API documentation, proxies). */
export class SecuritySettings {
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(3600)
  JWT_REFRESH_TTL_SECONDS = 1_209_600;

  /**
   * When set, GET /metrics requires `Authorization: Bearer <token>`. Unset: open in development and
   * tests, not served at all (404) in production.
   */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Keys the audit log's links and signs its checkpoints; the database never holds it. */
  @IsString()
  @MinLength(32, { message: 'AUDIT_HMAC_KEY must be at least 32 characters' })
  AUDIT_HMAC_KEY!: string;

  /** Where the signed checkpoints of every chain's head are written; unset: no checkpoints. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  AUDIT_CHECKPOINT_DIR?: string;

  /** How often a worker writes a checkpoint (when AUDIT_CHECKPOINT_DIR is set). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  AUDIT_CHECKPOINT_INTERVAL_SECONDS = 3600;

  /**
   * Proxies whose X-Forwarded-For / -Proto are believed (Fastify trustProxy): empty trusts none, a hop
   * count N the nearest N, or a comma-separated list of addresses/CIDRs. request.ip (rate limits, audit)
   * comes from it.
   */
  @IsString()
  @IsTrustedProxies()
  TRUSTED_PROXIES = '';

  /** `public` serves /api/docs and /api/docs-json; `off` serves neither. */
  @IsIn(['public', 'off'], { message: 'API_DOCS must be public or off' })
  API_DOCS: 'public' | 'off' = 'public';
}
