import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../config/environment';
import { dataSourceOptions } from '../database/data-source-options';
import { formatImportError, ImportProgress, ImportReport } from '../records/import/import-report';
import { MAX_BATCH_SIZE, RecordsImporter, RecordsImportError } from '../records/import/records-importer';
import { RECORD_KINDS } from '../records/import/reference-record';

/**
 * npm run records:import -- FILE.ndjson|- [--batch-size N] [--report-memory]
 * Exit code 0: every line loaded; 3: some lines were rejected (listed); 1: the import could not run.
 */
const USAGE = 'usage: npm run records:import -- FILE.ndjson|- [--batch-size N] [--report-memory]';
const ERRORS_SHOWN = 20;
const PROGRESS_EVERY_MS = 1000;

class UsageError extends Error {}

interface Arguments {
  path: string;
  batchSize?: number;
  reportMemory: boolean;
}

function readArguments(argv: string[]): Arguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'batch-size': { type: 'string' }, 'report-memory': { type: 'boolean' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) throw new UsageError('give exactly one file (or - for standard input)');
  const size = values['batch-size'];
  if (size !== undefined && (!/^\d+$/.test(size) || Number(size) < 1 || Number(size) > MAX_BATCH_SIZE)) {
    throw new UsageError(`--batch-size must be a whole number from 1 to ${MAX_BATCH_SIZE} (got ${size})`);
  }
  return {
    path: positionals[0],
    batchSize: size === undefined ? undefined : Number(size),
    reportMemory: values['report-memory'] ?? false,
  };
}

async function openInput(path: string): Promise<Readable> {
  if (path === '-') return process.stdin;
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      error.code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${error.message}`,
    );
  });
  if (!info.isFile()) throw new Error(`not a file: ${path}`);
  return createReadStream(path);
}

/** Samples memory so a run can show its peak (--report-memory): resident set and V8 heap in use. */
function trackPeakMemory(): { report(): string; stop(): void } {
  const peak = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peak.rss = Math.max(peak.rss, rss);
    peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
  };
  sample();
  const timer = setInterval(sample, 100);
  timer.unref();
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  return {
    report: () => {
      sample();
      return `peak RSS ${mib(peak.rss)}, peak heap used ${mib(peak.heapUsed)}`;
    },
    stop: () => clearInterval(timer),
  };
}

const count = (n: number) => n.toLocaleString('en-US');
const perSecond = (lines: number, ms: number) => count(Math.round(lines / Math.max(ms / 1000, 0.001)));

function progressPrinter(startedAt: number): (progress: ImportProgress) => void {
  let lastPrinted = startedAt;
  return (progress) => {
    const now = performance.now();
    if (now - lastPrinted < PROGRESS_EVERY_MS) return;
    lastPrinted = now;
    process.stderr.write(
      `records:import: ${count(progress.linesRead)} lines read, ${count(progress.imported)} loaded, ` +
        `${count(progress.rejected)} rejected (${perSecond(progress.linesRead, now - startedAt)} lines/s)\n`,
    );
  };
}

function summary(source: string, report: ImportReport): string {
  const lines = [
    `records:import: read ${count(report.linesRead)} lines of ${source} in ` +
      `${(report.durationMs / 1000).toFixed(1)} s (${perSecond(report.linesRead, report.durationMs)} lines/s)`,
    'Loaded:',
    ...RECORD_KINDS.map((kind) => `  ${kind.padEnd(18)} ${count(report.imported[kind]).padStart(12)}`),
    `Rejected: ${count(report.rejected)}`,
    ...report.errors.slice(0, ERRORS_SHOWN).map((error) => `  ${formatImportError(error)}`),
  ];
  if (report.rejected > ERRORS_SHOWN) {
    lines.push(`  … and ${count(report.rejected - ERRORS_SHOWN)} more rejected lines`);
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<number> {
  let args: Arguments;
  try {
    args = readArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`records:import: ${error.message}\n${USAGE}\n`);
    return 1;
  }
  const memory = args.reportMemory ? trackPeakMemory() : undefined;
  const input = await openInput(args.path);
  const dataSource = await new DataSource(dataSourceOptions(loadEnvironment())).initialize();
  const source = args.path === '-' ? 'standard input' : args.path;
  try {
    const startedAt = performance.now();
    const report = await new RecordsImporter(dataSource).import(input, {
      batchSize: args.batchSize,
      onProgress: progressPrinter(startedAt),
    });
    process.stdout.write(summary(source, report));
    return report.rejected > 0 ? 3 : 0;
  } catch (error) {
    if (error instanceof RecordsImportError) process.stdout.write(summary(source, error.report));
    throw error;
  } finally {
    if (memory) {
      memory.stop();
      process.stderr.write(`records:import: ${memory.report()}\n`);
    }
    input.destroy(); // a failed import may leave standard input open, which would keep the process alive
    await dataSource.destroy();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`records:import: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
