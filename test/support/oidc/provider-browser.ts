/** What the browser got from the provider: a page or a redirect (never followed by itself). */
export interface ProviderPage {
  status: number;
  text: string;
  location: URL | null;
}

/**
 * The citizen's browser at the provider, for the supertest flows: keeps the provider's cookies (its
 * session outlives one sign-in, as in a real browser) and walks its pages until it is sent back.
 */
export class ProviderBrowser {
  private readonly cookies = new Map<string, string>();

  async get(url: URL | string): Promise<ProviderPage> {
    return this.send(new URL(url), { method: 'GET' });
  }

  async post(url: URL | string, fields: Record<string, string>): Promise<ProviderPage> {
    return this.send(new URL(url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * From the authorization URL, through the provider's sign-in page when it has no session yet, to the
   * redirect back to the app: that URL is returned, not followed (the app has its own browser cookies).
   */
  async signIn(authorizationUrl: string, login: string, appOrigin: string): Promise<URL> {
    let page = await this.get(authorizationUrl);
    for (let hops = 0; hops < 10; hops++) {
      if (page.location?.origin === appOrigin) return page.location;
      if (page.location) {
        page = await this.get(page.location);
      } else if (page.status === 200 && page.text.includes('name="login"')) {
        const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1] ?? '';
        page = await this.post(new URL(action, authorizationUrl), { login });
      } else {
        break;
      }
    }
    throw new Error(`The provider did not send the browser back: ${page.status} ${page.text.slice(0, 500)}`);
  }

  /** Follows the provider's logout page (confirming it) back to the app; returns where it was sent. */
  async signOut(endSessionUrl: string, appOrigin: string): Promise<URL> {
    let page = await this.get(endSessionUrl);
    for (let hops = 0; hops < 5; hops++) {
      if (page.location?.origin === appOrigin) return page.location;
      if (page.location) {
        page = await this.get(page.location);
        continue;
      }
      const form = /<form[^>]*action="([^"]+)"[\s\S]*?<\/form>/.exec(page.text);
      if (!form) break;
      const fields = Object.fromEntries(
        [...form[0].matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
      );
      page = await this.post(new URL(form[1], endSessionUrl), { ...fields, logout: 'yes' });
    }
    throw new Error(
      `The provider did not sign out back to the app: ${page.status} ${page.text.slice(0, 500)}`,
    );
  }

  private async send(url: URL, init: RequestInit): Promise<ProviderPage> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
      const expired = attributes.some(
        (a) => /^\s*expires=thu, 01 jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a),
      );
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = res.headers.get('location');
    return { status: res.status, text: await res.text(), location: location ? new URL(location, url) : null };
  }
}
