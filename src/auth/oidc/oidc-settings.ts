import { Environment } from '../../config/environment';
import type { OidcClaimNames } from './oidc-claims';

/** Where the provider sends the browser back; registered with the provider as the redirect URI. */
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';
/** Where the provider sends the browser after its own sign-out. */
export const OIDC_SIGNED_OUT_PATH = '/auth/oidc/signed-out';

/** The e-ID settings, resolved once from the validated environment. */
export class OidcSettings {
  constructor(
    readonly enabled: boolean,
    readonly issuer: string,
    readonly clientId: string,
    readonly clientSecret: string | undefined,
    readonly scopes: string,
    readonly redirectUri: string,
    readonly claims: OidcClaimNames,
  ) {}

  static from(env: Environment): OidcSettings {
    const base = (env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, '');
    const redirectUri = env.OIDC_REDIRECT_URI ?? `${base}${OIDC_CALLBACK_PATH}`;
    return new OidcSettings(
      env.OIDC_ENABLED,
      env.OIDC_ISSUER ?? '',
      env.OIDC_CLIENT_ID ?? '',
      env.OIDC_CLIENT_SECRET,
      env.OIDC_SCOPES,
      redirectUri,
      {
        nationalId: env.OIDC_CLAIM_NATIONAL_ID,
        fullName: env.OIDC_CLAIM_NAME,
        birthdate: env.OIDC_CLAIM_BIRTHDATE,
      },
    );
  }

  /** Beside the redirect URI (…/auth/oidc/signed-out, under any path prefix); registered with the provider too. */
  get postLogoutRedirectUri(): string {
    return new URL(OIDC_SIGNED_OUT_PATH.split('/').pop() ?? '', this.redirectUri).href;
  }

  /**
   * Plain HTTP to the provider only when it runs on this machine (a local or test provider); openid-client
   * refuses http:// otherwise, which is what a real deployment needs.
   */
  get providerIsLocal(): boolean {
    const url = new URL(this.issuer);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  }
}
