import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A sign-in started in one browser: what its callback must match, and where to go afterwards. */
export interface OidcAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  nextPath: string;
}

const hashOf = (browserToken: string): Buffer => createHash('sha256').update(browserToken).digest();

/**
 * Rows of oidc_sign_in_attempts, found by the SHA-256 of the random token in the browser's cookie (the
 * token itself is never stored). take() deletes the row it returns: a callback is honoured once.
 */
@Injectable()
export class OidcAttemptsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(browserToken: string, attempt: OidcAttempt, ttlSeconds: number): Promise<void> {
    // Attempts abandoned at the provider are swept as new ones start (the expiry index makes it cheap).
    await this.db.query(`DELETE FROM oidc_sign_in_attempts WHERE expires_at < now()`);
    await this.db.query(
      `INSERT INTO oidc_sign_in_attempts (browser_token_hash, state, nonce, code_verifier, next_path, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [
        hashOf(browserToken),
        attempt.state,
        attempt.nonce,
        attempt.codeVerifier,
        attempt.nextPath,
        ttlSeconds,
      ],
    );
  }

  /** The live attempt of this browser, removed as it is read; null when unknown, used or expired. */
  async take(browserToken: string): Promise<OidcAttempt | null> {
    const [row] = await this.db.query<(OidcAttempt & { live: boolean })[]>(
      `WITH taken AS (DELETE FROM oidc_sign_in_attempts WHERE browser_token_hash = $1 RETURNING *)
       SELECT state, nonce, code_verifier AS "codeVerifier", next_path AS "nextPath", expires_at > now() AS live
         FROM taken`,
      [hashOf(browserToken)],
    );
    if (!row?.live) return null;
    return { state: row.state, nonce: row.nonce, codeVerifier: row.codeVerifier, nextPath: row.nextPath };
  }
}
