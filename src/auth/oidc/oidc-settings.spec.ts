import { validateEnvironment } from '../../config/environment';
import { OidcSettings } from './oidc-settings';

const env = (extra: Record<string, string>) =>
  validateEnvironment({
    DATABASE_URL: 'postgres://u@localhost:5432/db',
    REDIS_URL: 'redis://localhost:6379/0',
    JWT_SECRET: 'x'.repeat(32),
    PAYMENT_CALLBACK_SECRET: 'y'.repeat(16),
    OIDC_ENABLED: 'true',
    OIDC_ISSUER: 'https://id.example.gov.vn',
    OIDC_CLIENT_ID: 'licence-renewal',
    ...extra,
  });

describe('OidcSettings', () => {
  it('derives the redirect and post-logout URIs from the public address', () => {
    const settings = OidcSettings.from(env({ PUBLIC_BASE_URL: 'https://gplx.example.gov.vn/' }));
    expect(settings.redirectUri).toBe('https://gplx.example.gov.vn/auth/oidc/callback');
    expect(settings.postLogoutRedirectUri).toBe('https://gplx.example.gov.vn/auth/oidc/signed-out');
  });

  it('takes a redirect URI as registered (under a proxy path prefix too), the post-logout one beside it', () => {
    const settings = OidcSettings.from(
      env({ OIDC_REDIRECT_URI: 'https://portal.example/gplx/auth/oidc/callback' }),
    );
    expect(settings.redirectUri).toBe('https://portal.example/gplx/auth/oidc/callback');
    expect(settings.postLogoutRedirectUri).toBe('https://portal.example/gplx/auth/oidc/signed-out');
  });

  it('allows plain HTTP to the provider only on the loopback', () => {
    const at = (issuer: string) =>
      OidcSettings.from(env({ OIDC_ISSUER: issuer, PUBLIC_BASE_URL: 'http://x' }));
    expect(at('http://127.0.0.1:4000').providerIsLocal).toBe(true);
    expect(at('http://localhost:4000/realms/x').providerIsLocal).toBe(true);
    expect(at('http://id.example.gov.vn').providerIsLocal).toBe(false);
    expect(at('https://127.0.0.1:4000').providerIsLocal).toBe(false);
  });
});
