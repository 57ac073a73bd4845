import { Agent, request } from 'node:http';
import { SampleList, summarizeLatencies, LatencySummary } from './percentiles';

export interface JsonResponse<T> {
  status: number;
  body: T;
}

export interface RouteStats {
  requests: number;
  byStatus: Record<string, number>;
  latency: LatencySummary;
}

/**
 * A small keep-alive JSON client for the replay's simulated people (citizens, provider, officers),
 * recording every request's latency and status per route. Node's own http module: nothing between
 * the bench and the socket that would add its own cost.
 */
export class BenchHttpClient {
  private readonly agent: Agent;
  private readonly routes = new Map<string, { latencies: SampleList; byStatus: Map<number, number> }>();
  private next = 0;
  /** Requests repeated after a connection was reset. */
  retries = 0;

  constructor(
    private readonly baseUrls: string[],
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** Requests go to the api processes in turn, as a round-robin load balancer would send them. */
  async send<T>(
    route: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    options: { body?: string | object; headers?: Record<string, string> } = {},
  ): Promise<JsonResponse<T>> {
    const base = this.baseUrls[this.next++ % this.baseUrls.length];
    const payload =
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body);
    const headers: Record<string, string | number> = { accept: 'application/json', ...options.headers };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    const started = performance.now();
    const { status, text } = await this.exchange(base, path, method, headers, payload);
    this.record(route, status, performance.now() - started);
    let body: unknown = text;
    if (text.length > 0 && text[0] !== '<') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status, body: body as T };
  }

  /**
   * One request; a connection reset or refused is retried (three times, with a short pause), as a
   * client behind a load balancer would: every request the replay sends is safe to repeat (the
   * Idempotency-Key, the provider's transaction id and the case version make a repeat a no-op).
   */
  private async exchange(
    base: string,
    path: string,
    method: string,
    headers: Record<string, string | number>,
    payload: string | undefined,
  ): Promise<{ status: number; text: string }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(base, path, method, headers, payload);
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (attempt >= 4 || !['ECONNRESET', 'EPIPE', 'ECONNREFUSED'].includes(code)) throw error;
        this.retries++;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  private once(
    base: string,
    path: string,
    method: string,
    headers: Record<string, string | number>,
    payload: string | undefined,
  ): Promise<{ status: number; text: string }> {
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${base}${path}`, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  private record(route: string, status: number, ms: number): void {
    let stats = this.routes.get(route);
    if (!stats) {
      stats = { latencies: new SampleList(), byStatus: new Map() };
      this.routes.set(route, stats);
    }
    stats.latencies.push(ms);
    stats.byStatus.set(status, (stats.byStatus.get(status) ?? 0) + 1);
  }

  stats(): Record<string, RouteStats> {
    const out: Record<string, RouteStats> = {};
    for (const [route, s] of this.routes) {
      out[route] = {
        requests: s.latencies.length,
        byStatus: Object.fromEntries([...s.byStatus].map(([k, v]) => [String(k), v])),
        latency: summarizeLatencies(s.latencies.values()),
      };
    }
    return out;
  }

  close(): void {
    this.agent.destroy();
  }
}
