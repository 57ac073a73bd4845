import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { ALL_QUEUES } from '../../src/queue/queue-names';
import { redisOptionsFromUrl } from '../../src/queue/redis-options';
import type { Topology } from '../options';
import { nodeEntry } from '../support/paths';

export interface ServiceProcess {
  label: string;
  role: 'api' | 'worker';
  child: ChildProcess;
  port?: number;
}

export interface RunningService {
  processes: ServiceProcess[];
  /** Base URLs of the api processes (a load balancer would spread requests over them). */
  apiUrls: string[];
  stop(): Promise<void>;
}

/** Every service process this bench started and has not stopped: ended if the bench is interrupted. */
const started = new Set<ChildProcess>();

export function killServiceProcesses(): void {
  for (const child of started) child.kill('SIGKILL');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
  died: () => string | null,
) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const death = died();
    if (death) throw new Error(`${what}: ${death}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`${what}: not ready after ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

function stopChild(child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts the service as separate api and worker processes — compiled JavaScript in production mode
 * when the bench runs compiled — and waits until each api answers /health/ready and every worker
 * process has registered its consumers in Redis. Output goes to one log file per process.
 */
export async function startService(options: {
  topology: Topology;
  env: Record<string, string>;
  redisUrl: string;
  queuePrefix: string;
  logDir: string;
  nodeArgs: string[];
}): Promise<RunningService> {
  mkdirSync(options.logDir, { recursive: true });
  const processes: ServiceProcess[] = [];
  const lastOutput = new Map<ServiceProcess, string>();
  const launch = (role: 'api' | 'worker', index: number, port?: number) => {
    const label = `${role}-${index}`;
    const entry = nodeEntry('src/main.ts', options.nodeArgs);
    const child = spawn(process.execPath, entry.args, {
      cwd: entry.cwd,
      env: { ...process.env, ...options.env, ROLE: role, ...(port ? { PORT: String(port) } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(join(options.logDir, `${label}.log`));
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const proc: ServiceProcess = { label, role, child, port };
    started.add(child);
    child.once('exit', () => started.delete(child));
    child.stderr?.on('data', (chunk: Buffer) =>
      lastOutput.set(proc, ((lastOutput.get(proc) ?? '') + chunk.toString()).slice(-2000)),
    );
    processes.push(proc);
    return proc;
  };
  const died = () => {
    const dead = processes.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
    return dead
      ? `${dead.label} exited (${dead.child.exitCode ?? dead.child.signalCode}): ${lastOutput.get(dead) ?? ''}`
      : null;
  };
  const stop = async () => {
    await Promise.all(processes.map((p) => stopChild(p.child)));
  };
  try {
    for (let i = 1; i <= options.topology.api; i++) launch('api', i, await freePort());
    for (let i = 1; i <= options.topology.workers; i++) launch('worker', i);
    const apiUrls = processes.filter((p) => p.role === 'api').map((p) => `http://127.0.0.1:${p.port}`);
    for (const url of apiUrls) {
      await waitUntil(`api at ${url}`, 90_000, async () => (await fetch(`${url}/health/ready`)).ok, died);
    }
    const queue = new Queue(ALL_QUEUES[0], {
      connection: redisOptionsFromUrl(options.redisUrl),
      prefix: options.queuePrefix,
    });
    try {
      await waitUntil(
        'workers',
        90_000,
        async () => (await queue.getWorkersCount()) >= options.topology.workers,
        died,
      );
    } finally {
      await queue.close();
    }
    return { processes, apiUrls, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
