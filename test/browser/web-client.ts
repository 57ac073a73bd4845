import request from 'supertest';
import { uniqueClientAddress } from '../support/factories/accounts';

export interface Page {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
  location: string | undefined;
}

/**
 * A browser without a browser, for the fast web tests: keeps cookies, finds the CSRF token in the last
 * page, sends forms as a browser does (urlencoded or multipart), and never follows redirects itself.
 * Each client comes from an address of its own, so sign-in limits per address do not collide.
 */
export class WebClient {
  private readonly cookies = new Map<string, string>();
  private lastToken: string | null = null;
  readonly address = uniqueClientAddress();

  constructor(
    readonly url: string,
    lang: 'vi' | 'en' = 'vi',
  ) {
    this.cookies.set('lang', lang);
  }

  setLanguage(lang: 'vi' | 'en'): void {
    this.cookies.set('lang', lang);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie header this client would send, for tests that build their own requests. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  forgetCookie(name: string): void {
    this.cookies.delete(name);
  }

  get csrfToken(): string {
    if (!this.lastToken) throw new Error('No page with a form was loaded yet');
    return this.lastToken;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Page> {
    const req = request(this.url).get(path).redirects(0);
    return this.finish(this.prepare(req, headers));
  }

  /** Posts a form with the last page's CSRF token (unless `_csrf` is given, or null to leave it out). */
  async post(
    path: string,
    fields: Record<string, string>,
    options: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Page> {
    const token = options.csrf === undefined ? this.lastToken : options.csrf;
    const body = new URLSearchParams({ ...(token ? { _csrf: token } : {}), ...fields }).toString();
    const req = request(this.url)
      .post(path)
      .redirects(0)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(body);
    return this.finish(this.prepare(req, options.headers ?? {}));
  }

  /** A PUT without a body, as a page's own script sends one (with the cookies, no form token). */
  async put(path: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.finish(this.prepare(request(this.url).put(path).redirects(0), headers));
  }

  /** A multipart form: the token first, as our forms put it, then the fields, then the file. */
  async postMultipart(
    path: string,
    fields: Record<string, string>,
    file?: { field: string; bytes: Buffer; name: string; type: string },
    options: { csrf?: string | null } = {},
  ): Promise<Page> {
    const token = options.csrf === undefined ? this.lastToken : options.csrf;
    let req = request(this.url).post(path).redirects(0);
    if (token) req = req.field('_csrf', token);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    if (file) req = req.attach(file.field, file.bytes, { filename: file.name, contentType: file.type });
    return this.finish(this.prepare(req, {}));
  }

  private prepare(req: request.Test, headers: Record<string, string>): request.Test {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let r = req.set('x-forwarded-for', this.address);
    if (cookie) r = r.set('cookie', cookie);
    for (const [k, v] of Object.entries(headers)) r = r.set(k, v);
    return r;
  }

  private async finish(req: request.Test): Promise<Page> {
    const res = await req;
    const setCookies = res.headers['set-cookie'] as unknown as string[] | undefined;
    for (const line of setCookies ?? []) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*expires=thu, 01 jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a),
      );
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = res.text ?? '';
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.lastToken = token[1];
    return {
      status: res.status,
      text,
      headers: res.headers,
      location: res.headers.location,
    };
  }
}
