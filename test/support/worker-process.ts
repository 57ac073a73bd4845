import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** A real worker process (ROLE=worker) of the service, started from source, that a test can SIGKILL. */
export function startWorkerProcess(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, ROLE: 'worker' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // TEST_WORKER_LOG=dir keeps each worker's output for a look after the run.
  const logDir = process.env.TEST_WORKER_LOG;
  if (logDir) {
    const out = createWriteStream(join(logDir, `worker-${Date.now()}.log`));
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
  }
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  child.on('exit', (code, signal) => {
    if (code && code !== 0) console.error(`worker exited with ${code} (${signal}): ${stderr}`);
  });
  return child;
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
