import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  AdapterPayload,
  Configuration,
  KoaContextWithOIDC,
  default as Provider,
} from 'oidc-provider' with { 'resolution-mode': 'import' };

/**
 * oidc-provider 9 is an ES module: loaded with import(), as src/auth/oidc loads openid-client (jest
 * compiles both to CommonJS, see jest.config.js).
 */
const loadProvider = async (): Promise<typeof Provider> => (await import('oidc-provider')).default;

/** A person with an account at the test provider; the claims are what the provider vouches for. */
export interface TestPerson {
  login: string;
  claims: Record<string, string>;
}

/** Changes made to the next ID token the provider issues, as a forger or a broken provider would. */
export interface IdTokenTampering {
  /** New claims from the real ones. */
  claims?: (claims: Record<string, unknown>) => Record<string, unknown>;
  /** Sign with this key instead (same kid); `'keep'` keeps the original signature over the new claims. */
  signWith?: KeyObject | 'keep';
}

const KID = 'test-signing-key';
const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export const newSigningKey = (): KeyObject => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

/** An RS256 JWT over `claims`, with our kid, signed by `key`. */
export function signIdToken(claims: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: KID }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign('sha256', Buffer.from(input), key))}`;
}

/** The provider's state in memory, like its built-in adapter, which warns on every start. */
class MemoryAdapter {
  private static readonly store = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  constructor(private readonly model: string) {}
  private key = (id: string) => `${this.model}:${id}`;
  upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    MemoryAdapter.store.set(this.key(id), { payload, expiresAt: Date.now() + expiresIn * 1000 });
    return Promise.resolve();
  }
  find(id: string): Promise<AdapterPayload | undefined> {
    const entry = MemoryAdapter.store.get(this.key(id));
    return Promise.resolve(entry && entry.expiresAt > Date.now() ? entry.payload : undefined);
  }
  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const found = [...MemoryAdapter.store.entries()].find(
      ([key, e]) => key.startsWith(`${this.model}:`) && e.payload.uid === uid,
    );
    return Promise.resolve(found?.[1].payload);
  }
  findByUserCode(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  consume(id: string): Promise<void> {
    const entry = MemoryAdapter.store.get(this.key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    return Promise.resolve();
  }
  destroy(id: string): Promise<void> {
    MemoryAdapter.store.delete(this.key(id));
    return Promise.resolve();
  }
  revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, e] of MemoryAdapter.store)
      if (e.payload.grantId === grantId) MemoryAdapter.store.delete(key);
    return Promise.resolve();
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A real OpenID provider (oidc-provider) on a loopback port, for the tests: one confidential client
 * (code flow, PKCE S256 required, client_secret_basic), RS256 ID tokens from a key the test holds, people
 * kept in memory, a minimal sign-in page of its own, RP-initiated logout, and a hook that rewrites the
 * next ID token (claims, or signature) to play a forger or a broken provider.
 */
export class TestIdentityProvider {
  readonly clientId = 'licence-renewal-test';
  readonly clientSecret = 'test-client-secret-0123456789';
  readonly signingKey = newSigningKey();
  private readonly people = new Map<string, TestPerson>();
  private provider?: Provider;
  private tampering?: IdTokenTampering;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly providerClass: typeof Provider,
  ) {}

  static async start(): Promise<TestIdentityProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const idp = new TestIdentityProvider(
      server,
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      await loadProvider(),
    );
    server.on('request', (req, res) => void idp.handle(req, res));
    return idp;
  }

  /** The settings an app needs to use this provider. */
  appEnvironment(): Record<string, string> {
    return {
      OIDC_ENABLED: 'true',
      OIDC_ISSUER: this.issuer,
      OIDC_CLIENT_ID: this.clientId,
      OIDC_CLIENT_SECRET: this.clientSecret,
      OIDC_SCOPES: 'openid profile',
    };
  }

  /** Registers the client with the app's address (known only once the app listens). */
  registerClient(appUrl: string): void {
    const configuration: Configuration = {
      clients: [
        {
          client_id: this.clientId,
          client_secret: this.clientSecret,
          redirect_uris: [`${appUrl}/auth/oidc/callback`],
          post_logout_redirect_uris: [`${appUrl}/auth/oidc/signed-out`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [{ ...this.signingKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' }] },
      cookies: { keys: ['test-provider-cookie-key'] },
      pkce: { required: () => true }, // S256, the only method oidc-provider 9 offers
      claims: { openid: ['sub'], profile: ['name', 'birthdate', 'national_id'] },
      conformIdTokenClaims: false, // profile claims in the ID token, as e-ID providers send them
      adapter: MemoryAdapter,
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          // The provider's own "sign out?" page: its form carries the xsrf token the provider checks.
          logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
            ctx.body = `<!doctype html><html lang="en"><head><title>Sign out</title></head><body>
              <h1>Sign out of the test national e-ID?</h1>${form.replace('</form>', '<button type="submit" id="idp-sign-out" name="logout" value="yes">Sign out</button></form>')}</body></html>`;
          },
        },
      },
      interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx: KoaContextWithOIDC, sub: string) => {
        const person = this.people.get(sub);
        if (!person) return undefined;
        return { accountId: sub, claims: () => ({ sub, ...person.claims }) };
      },
      // The first-party client needs no consent screen: a grant for what it asks is made on the spot.
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const { client, session, params } = ctx.oidc;
        if (!client || !session?.accountId) return undefined;
        const grant = new ctx.oidc.provider.Grant({
          clientId: client.clientId,
          accountId: session.accountId,
        });
        grant.addOIDCScope(typeof params?.scope === 'string' ? params.scope : 'openid');
        await grant.save();
        return grant;
      },
      ttl: {
        Interaction: 600,
        Session: 3600,
        Grant: 3600,
        IdToken: 600,
        AccessToken: 600,
        AuthorizationCode: 60,
      },
    };
    this.provider = new this.providerClass(this.issuer, configuration);
  }

  addPerson(person: TestPerson): void {
    this.people.set(person.login, person);
  }

  /** The next ID token issued is rewritten so (once). */
  tamperNextIdToken(tampering: IdTokenTampering): void {
    this.tampering = tampering;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const provider = this.provider;
    if (!provider) {
      res.writeHead(503).end('client not registered yet');
      return;
    }
    const path = new URL(req.url ?? '/', this.issuer).pathname;
    const interaction = /^\/interaction\/([\w-]+)$/.exec(path);
    try {
      if (interaction && req.method === 'GET')
        return await this.signInPage(provider, req, res, interaction[1]);
      if (interaction && req.method === 'POST')
        return await this.signInSubmit(provider, req, res, interaction[1]);
      if (path === '/token' && this.tampering) this.rewriteTokenResponse(res, this.tampering);
      this.tampering = path === '/token' ? undefined : this.tampering;
      await provider.callback()(req, res);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  }

  private async signInPage(
    provider: Provider,
    req: IncomingMessage,
    res: ServerResponse,
    uid: string,
    error = '',
  ) {
    await provider.interactionDetails(req, res); // 400s an unknown or expired interaction
    res.writeHead(error ? 400 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>Test e-ID</title></head><body>
      <h1>Test national e-ID</h1>${error ? `<p id="error">${escapeHtml(error)}</p>` : ''}
      <form method="post" action="/interaction/${escapeHtml(uid)}">
        <label for="login">Username</label> <input id="login" name="login" autocomplete="off">
        <button type="submit" id="idp-sign-in">Sign in</button>
      </form></body></html>`);
  }

  private async signInSubmit(provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string) {
    const login = (await formBody(req)).get('login') ?? '';
    if (!this.people.has(login)) return this.signInPage(provider, req, res, uid, 'Unknown username.');
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: login } },
      { mergeWithLastSubmission: false },
    );
  }

  /** Rewrites the id_token of the token endpoint's JSON answer as it is sent. */
  private rewriteTokenResponse(res: ServerResponse, tampering: IdTokenTampering): void {
    const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
    (res as { end: unknown }).end = (chunk?: unknown, ...rest: unknown[]) => {
      if (res.statusCode !== 200 || chunk === undefined) return end(chunk, ...rest);
      const body = JSON.parse(Buffer.from(chunk as Buffer | string).toString('utf8')) as {
        id_token?: string;
      };
      if (body.id_token) body.id_token = this.rewrite(body.id_token, tampering);
      const json = JSON.stringify(body);
      res.setHeader('content-length', Buffer.byteLength(json));
      return end(json);
    };
  }

  private rewrite(idToken: string, tampering: IdTokenTampering): string {
    const [header, payload, signature] = idToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const changed = tampering.claims ? tampering.claims(claims) : claims;
    if (tampering.signWith === 'keep') return `${header}.${b64url(JSON.stringify(changed))}.${signature}`;
    return signIdToken(changed, tampering.signWith ?? this.signingKey);
  }
}
