import { request as httpRequest } from 'node:http';

/** One request as it goes on the wire: the path already encoded (or deliberately mis-encoded). */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What the request was meant to test, for the failure report. */
  label: string;
}

export interface FuzzResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Percent-encodes every byte but the unreserved ones; never throws (unlike encodeURIComponent on '\ud800'). */
export function percentEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Header values as Node lets them out: latin-1 without CR, LF or NUL (a proxy would drop the rest). */
export const headerSafe = (value: string) => value.replace(/[^\x20-\x7e\x80-\xff\t]/g, '?').slice(0, 4000);

/** Sends the request with Node's http client, so the path and body bytes go out exactly as built. */
export function send(baseUrl: string, req: FuzzRequest, timeoutMs = 30_000): Promise<FuzzResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers, connection: 'close' };
    if (req.body) headers['content-length'] = String(req.body.length);
    const outgoing = httpRequest(
      // A connection of its own: reusing a kept-alive socket the server is closing reads as a hang-up.
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers,
        timeout: timeoutMs,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** Why an answer breaks the contract (never a 5xx; 4xx as problem details), or null when it keeps it. */
export function contractBreach(res: FuzzResponse, expectProblemDetails: boolean): string | null {
  if (res.status >= 500 || res.status === 0) return `answered ${res.status}: ${res.text.slice(0, 500)}`;
  if (!expectProblemDetails || res.status < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `${res.status} with content-type ${type}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(res.text) as Record<string, unknown>;
  } catch {
    return `${res.status} problem that is not JSON: ${res.text.slice(0, 200)}`;
  }
  const missing = ['type', 'title', 'detail'].filter((k) => typeof body[k] !== 'string');
  if (missing.length || body.status !== res.status) {
    return `${res.status} problem without ${missing.join(', ') || 'a matching status'}: ${res.text.slice(0, 300)}`;
  }
  return null;
}
