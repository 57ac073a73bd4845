import { Injectable } from '@nestjs/common';
import type * as OpenId from 'openid-client' with { 'resolution-mode': 'import' };
import { OidcSettings } from './oidc-settings';

/** openid-client 6 is an ES module: loaded with import(), which this CommonJS build keeps as is. */
const openIdClient = (): Promise<typeof OpenId> => import('openid-client');

/** What the callback must match: the values kept for this browser when the sign-in started. */
export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface OidcTokens {
  /** The verified ID token's claims, with userinfo's added when the ID token lacks some. */
  claims: Record<string, unknown>;
  subject: string;
  idToken: string;
}

/** The provider could not be reached or answered nonsense at discovery: nothing about the citizen. */
export class OidcProviderUnavailable extends Error {
  constructor(cause: unknown) {
    super(
      `The e-ID provider could not be reached: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'OidcProviderUnavailable';
  }
}

/** Discovery metadata is read again after this long (signing keys refresh themselves on an unknown kid). */
const DISCOVERY_TTL_MS = 6 * 60 * 60 * 1000;
const TIMEOUT_SECONDS = 10;

/**
 * The OpenID Connect relying party, on openid-client: discovery, the authorization URL (code flow with
 * PKCE S256, state and nonce), the code exchange with every ID-token check (issuer, audience, signature
 * against the provider's JWKS, expiry, nonce), and the RP-initiated logout URL.
 */
@Injectable()
export class OidcProviderClient {
  private discovered?: { at: number; config: Promise<OpenId.Configuration> };

  constructor(private readonly settings: OidcSettings) {}

  async authorizationUrl(checks: OidcChecks): Promise<URL> {
    const [client, config] = await Promise.all([openIdClient(), this.configuration()]);
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      response_type: 'code',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Throws when the response, the token exchange or any ID-token check fails. */
  async exchange(callbackQuery: URLSearchParams, checks: OidcChecks): Promise<OidcTokens> {
    const [client, config] = await Promise.all([openIdClient(), this.configuration()]);
    // The registered redirect URI, not the URL as this server saw it (a proxy may change scheme or host).
    const currentUrl = new URL(this.settings.redirectUri);
    currentUrl.search = callbackQuery.toString();
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) throw new Error('The provider returned no ID token.');
    let claims: Record<string, unknown> = { ...idClaims };
    const wanted = Object.values(this.settings.claims);
    if (wanted.some((name) => claims[name] === undefined) && config.serverMetadata().userinfo_endpoint) {
      const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...userInfo, ...claims };
    }
    return { claims, subject: idClaims.sub, idToken: tokens.id_token };
  }

  /** The provider's logout URL for this ID token, or null when it offers none. */
  async endSessionUrl(idToken: string): Promise<URL | null> {
    const [client, config] = await Promise.all([openIdClient(), this.configuration()]);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, {
      id_token_hint: idToken,
      post_logout_redirect_uri: this.settings.postLogoutRedirectUri,
    });
  }

  /** Discovery, cached; a failed attempt is not cached, so the next sign-in tries again. */
  private configuration(): Promise<OpenId.Configuration> {
    const now = Date.now();
    if (!this.discovered || now - this.discovered.at > DISCOVERY_TTL_MS) {
      const config = this.discover();
      this.discovered = { at: now, config };
      config.catch(() => {
        if (this.discovered?.config === config) this.discovered = undefined;
      });
    }
    return this.discovered.config;
  }

  private async discover(): Promise<OpenId.Configuration> {
    const client = await openIdClient();
    const { issuer, clientId, clientSecret } = this.settings;
    try {
      return await client.discovery(
        new URL(issuer),
        clientId,
        undefined,
        clientSecret === undefined ? client.None() : client.ClientSecretBasic(clientSecret),
        {
          timeout: TIMEOUT_SECONDS,
          // The ID token's signature is checked against the provider's JWKS even though it comes straight
          // from the token endpoint (OpenID Connect lets TLS stand in for it): an account is created on
          // its word, so a token that the provider did not sign (a proxy, a misrouted answer) is refused.
          execute: [
            client.enableNonRepudiationChecks,
            ...(this.settings.providerIsLocal ? [client.allowInsecureRequests] : []),
          ],
        },
      );
    } catch (error) {
      throw new OidcProviderUnavailable(error);
    }
  }
}
