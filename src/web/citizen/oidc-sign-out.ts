import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { OidcProviderClient } from '../../auth/oidc/oidc-provider-client';
import { OidcSettings } from '../../auth/oidc/oidc-settings';
import { hashSessionToken } from '../session/web-sessions.repository';
import { SESSION_COOKIE } from '../session/web-session.service';

/**
 * The ID token behind a web session signed in with the e-ID (its row goes with the session's), and the
 * provider's logout URL it leads to at sign-out, so leaving the service also leaves the e-ID session on a
 * shared computer.
 */
@Injectable()
export class OidcSignOut {
  private readonly logger = new Logger(OidcSignOut.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: OidcSettings,
    private readonly provider: OidcProviderClient,
  ) {}

  async remember(sessionToken: string, idToken: string): Promise<void> {
    await this.db.query(`INSERT INTO oidc_web_sessions (session_token_hash, id_token) VALUES ($1, $2)`, [
      hashSessionToken(sessionToken),
      idToken,
    ]);
  }

  /**
   * Where to send the browser once the local session has ended: the provider's end-session endpoint with
   * id_token_hint and post_logout_redirect_uri, or null (no e-ID session, or the provider offers none).
   * Call before ending the session, whose row holds the ID token.
   */
  async providerLogoutUrl(request: FastifyRequest): Promise<string | null> {
    const token = request.cookies[SESSION_COOKIE];
    if (!this.settings.enabled || !token || token.length > 100) return null;
    const [row] = await this.db.query<{ id_token: string }[]>(
      `SELECT id_token FROM oidc_web_sessions WHERE session_token_hash = $1`,
      [hashSessionToken(token)],
    );
    if (!row) return null;
    try {
      return (await this.provider.endSessionUrl(row.id_token))?.href ?? null;
    } catch (error) {
      // The local sign-out must not depend on the provider being up.
      this.logger.warn({ detail: error instanceof Error ? error.message : String(error) }, 'No e-ID logout');
      return null;
    }
  }
}
