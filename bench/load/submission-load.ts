import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkItem } from '../database/stage-database';
import { nodeEntry } from '../support/paths';
import type { LoadGeneratorConfig, LoadGeneratorResult } from './load-generator';

export interface SubmissionLoadResult extends LoadGeneratorResult {
  connections: number;
  /** Responses per second, any status. */
  requestsPerSecond: number;
  /** 201 Created per second: applications taken. */
  createdPerSecond: number;
  /** CPU the load generator itself used, in cores (it shares the machine with the service). */
  generatorCores: number;
  generatorPid: number;
}

/**
 * Runs autocannon in a child process against the api processes. The pool holds more applications
 * than the stage can send; each is sent at most once.
 */
export async function runSubmissionLoad(options: {
  urls: string[];
  connections: number;
  durationSeconds: number;
  items: WorkItem[];
  workDir: string;
  onStart?: (pid: number) => void;
}): Promise<SubmissionLoadResult> {
  const poolFile = join(options.workDir, 'load-pool.ndjson');
  writeFileSync(
    poolFile,
    options.items
      .map((i) => JSON.stringify({ a: `Bearer ${i.token}`, k: i.idempotencyKey, b: JSON.stringify(i.body) }))
      .join('\n'),
  );
  const configFile = join(options.workDir, 'load-config.json');
  const config: LoadGeneratorConfig = {
    urls: options.urls,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    poolFile,
  };
  writeFileSync(configFile, JSON.stringify(config));
  const entry = nodeEntry('bench/load/load-generator.ts');
  const [script, ...rest] = entry.args.slice(-1);
  const execArgv = entry.args.slice(0, -1);
  const child = fork(script, [...rest, configFile], { cwd: entry.cwd, execArgv, stdio: 'inherit' });
  if (child.pid) options.onStart?.(child.pid);
  const result = await new Promise<LoadGeneratorResult>((resolve, reject) => {
    let answer: LoadGeneratorResult | undefined;
    child.on('message', (m) => (answer = m as LoadGeneratorResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      answer ? resolve(answer) : reject(new Error(`load generator exited with ${code} and no result`)),
    );
  });
  const created = result.byStatus['201'] ?? 0;
  return {
    ...result,
    connections: options.connections,
    requestsPerSecond: Math.round(result.requests / result.seconds),
    createdPerSecond: Math.round(created / result.seconds),
    generatorCores: Math.round((result.cpuSeconds / result.seconds) * 100) / 100,
    generatorPid: child.pid ?? 0,
  };
}
