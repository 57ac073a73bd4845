/**
 * The submission load, in a process of its own so its CPU use can be told apart from the bench's and
 * the service's: autocannon keeps `connections` citizens submitting over HTTP for `durationSeconds`,
 * each request a different application from the pool file (its own token, Idempotency-Key, licence
 * and photo). Reports every response time and status to the parent over IPC.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { SampleList, summarizeLatencies } from '../support/percentiles';

export interface LoadGeneratorConfig {
  urls: string[];
  connections: number;
  durationSeconds: number;
  /** NDJSON, one line per application: { a: authorization, k: idempotency key, b: body }. */
  poolFile: string;
}

export interface LoadGeneratorResult {
  seconds: number;
  requests: number;
  byStatus: Record<string, number>;
  errors: number;
  timeouts: number;
  latency: ReturnType<typeof summarizeLatencies>;
  poolExhausted: boolean;
  cpuSeconds: number;
}

interface PoolItem {
  a: string;
  k: string;
  b: string;
}

async function main(): Promise<void> {
  const config = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadGeneratorConfig;
  const pool = readFileSync(config.poolFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as PoolItem);
  let next = 0;
  let exhausted = false;
  const latencies = new SampleList();
  const byStatus = new Map<number, number>();
  const instances: autocannon.Instance[] = [];
  const finished: Promise<autocannon.Result>[] = [];
  const perUrl = Math.max(1, Math.floor(config.connections / config.urls.length));

  const cpuStart = process.cpuUsage();
  const started = performance.now();
  for (const [i, url] of config.urls.entries()) {
    const connections = i === 0 ? config.connections - perUrl * (config.urls.length - 1) : perUrl;
    let settle!: (result: autocannon.Result) => void;
    let fail!: (error: unknown) => void;
    finished.push(
      new Promise<autocannon.Result>((resolve, reject) => {
        settle = resolve;
        fail = reject;
      }),
    );
    const instance = autocannon(
      {
        url,
        connections,
        duration: config.durationSeconds,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/applications',
            setupRequest: (request) => {
              let item = pool[next++];
              if (!item) {
                // Never send an application twice: stop every instance, answer with the last one once.
                if (!exhausted) {
                  exhausted = true;
                  instances.forEach((x) => x.stop());
                }
                item = pool[pool.length - 1];
              }
              request.headers = {
                ...request.headers,
                authorization: item.a,
                'idempotency-key': item.k,
                'content-type': 'application/json',
              };
              request.body = item.b;
              return request;
            },
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => (error ? fail(error) : settle(result)),
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    });
    instances.push(instance);
  }
  const results = await Promise.all(finished);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const result: LoadGeneratorResult = {
    seconds: Math.round(seconds * 100) / 100,
    requests: latencies.length,
    byStatus: Object.fromEntries([...byStatus].map(([k, v]) => [String(k), v])),
    errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
    latency: summarizeLatencies(latencies.values()),
    poolExhausted: exhausted,
    cpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
  };
  process.send?.(result);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
