import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BENCH_USAGE, parseBenchArgs, UsageError } from './options';
import { renderMarkdown } from './report/markdown';
import { BenchResult, runBench } from './run-bench';
import { killServiceProcesses } from './service/service-processes';
import { repositoryRoot } from './support/paths';

/**
 * npm run bench -- [options]   (npm run bench -- --help)
 * Exit codes: 0 done and verified, 1 error, 2 usage, 3 a replay's verification failed.
 */
async function main(): Promise<number> {
  let options;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${BENCH_USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(BENCH_USAGE);
    return 0;
  }
  const started = Date.now();
  const dir = resolve(repositoryRoot(), options.resultsDir);
  mkdirSync(dir, { recursive: true });
  const label = options.label
    ? `-${options.label
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .slice(0, 40)}`
    : '';
  const fileOf = (r: BenchResult) =>
    join(dir, `${r.startedAt.replace(/[:.]/g, '-').replace(/-\d+Z$/, 'Z')}${label}.json`);
  // Written after every stage too, so a failure late in a long run keeps what was measured.
  const save = (r: BenchResult) => writeFileSync(fileOf(r), `${JSON.stringify(r, null, 2)}\n`);
  const result = await runBench(
    options,
    (line) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`),
    save,
  );
  save(result);
  const file = fileOf(result);
  console.log(renderMarkdown(result));
  console.log(`\nJSON: ${file}`);
  return result.replays.every((r) => r.verification.ok && !r.timedOut) ? 0 : 3;
}

// Interrupted or crashed: the service processes go too (the stage database is dropped by the next run).
process.once('exit', () => killServiceProcesses());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killServiceProcesses();
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
