import type { PlannedEvent } from './delivery-plan';

/** What the partner API answers, as far as the simulator reads it. */
export interface ClaimedItem {
  trackingNumber: string;
  leaseExpiresAt: string | null;
}
export interface SentEvent extends PlannedEvent {
  eventId: string;
  trackingNumber: string;
  occurredAt: string;
}
export interface EventAnswer {
  index: number;
  eventId: string | null;
  trackingNumber: string | null;
  result: 'APPLIED' | 'DUPLICATE' | 'REJECTED';
  reason?: string;
  status?: string;
  late?: boolean;
}

export interface PickupAnswer {
  trackingNumber: string;
  result: 'PICKED_UP' | 'ALREADY_PICKED_UP' | 'REFUSED';
  reason?: string;
}

export class PartnerApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`HTTP ${status}: ${detail}`);
  }
}

/** Request timings per route, and how often the service asked us to slow down. */
export class RequestStats {
  readonly timings = new Map<string, number[]>();
  throttled = 0;
  retried = 0;

  record(route: string, ms: number): void {
    const list = this.timings.get(route) ?? [];
    list.push(ms);
    this.timings.set(route, list);
  }

  summary(): Record<string, { count: number; p50: number; p95: number; max: number }> {
    const out: Record<string, { count: number; p50: number; p95: number; max: number }> = {};
    for (const [route, list] of this.timings) {
      const sorted = [...list].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      out[route] = { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
    }
    return out;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The partner's side of the postal API over HTTP, as a courier's system would call it: 429 is waited
 * out (Retry-After), a network error or 5xx retried a few times with backoff, anything else thrown.
 */
export class PartnerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    readonly stats = new RequestStats(),
  ) {}

  async claim(limit: number): Promise<ClaimedItem[]> {
    const body = await this.call<{ items: ClaimedItem[] }>(
      'claim',
      'POST',
      '/api/v1/postal/shipments/claim',
      { limit },
    );
    return body.items;
  }

  /** The cards in hand confirmed at once (up to 200), each answered on its own. */
  async pickupMany(trackingNumbers: string[]): Promise<PickupAnswer[]> {
    const body = await this.call<{ results: PickupAnswer[] }>(
      'pickup',
      'POST',
      '/api/v1/postal/shipments/pickup',
      { trackingNumbers },
    );
    return body.results;
  }

  async sendEvents(events: SentEvent[]): Promise<EventAnswer[]> {
    const body = await this.call<{ results: EventAnswer[] }>('events', 'POST', '/api/v1/postal/events', {
      events,
    });
    return body.results;
  }

  private async call<T>(route: string, method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      let response: Response;
      try {
        response = await fetch(this.baseUrl + path, {
          method,
          headers: {
            'x-api-key': this.apiKey,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        if (attempt >= 5) throw error;
        this.stats.retried++;
        await sleep(200 * 2 ** attempt);
        continue;
      }
      const text = await response.text();
      this.stats.record(route, performance.now() - started);
      if (response.ok) return (text ? JSON.parse(text) : {}) as T;
      if (response.status === 429) {
        this.stats.throttled++;
        await sleep(Math.max(1, Number(response.headers.get('retry-after') ?? 1)) * 1000);
        continue;
      }
      if (response.status >= 500 && attempt < 5) {
        this.stats.retried++;
        await sleep(200 * 2 ** attempt);
        continue;
      }
      let detail = text;
      try {
        detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw new PartnerApiError(response.status, detail);
    }
  }
}
