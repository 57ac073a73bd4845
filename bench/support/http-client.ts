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
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${base}${path}`, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
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
