import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');

/** Starts src/main.ts in a child process with the given environment and returns what it printed. */
function start(env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ['-r', require.resolve('@swc-node/register'), join(root, 'src/main.ts')],
    {
      // An empty directory, so no developer's .env fills in what the test leaves out.
      cwd: mkdtempSync(join(tmpdir(), 'lr-start-')),
      env: { PATH: process.env.PATH ?? '', SWC_NODE_PROJECT: join(root, 'tsconfig.json'), ...env },
      encoding: 'utf8',
      timeout: 30000,
    },
  );
}

describe('start-up configuration', () => {
  it('stops with a message naming a bad variable', () => {
    const run = start({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
      REDIS_URL: 'redis://127.0.0.1:6379',
      JWT_SECRET: 'x'.repeat(40),
      PAYMENT_CALLBACK_SECRET: 'y'.repeat(20),
      PORT: 'not-a-port',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Invalid environment configuration/);
    expect(run.stderr).toMatch(/PORT: /);
  });

  it('stops with a message naming a missing variable', () => {
    const run = start({
      REDIS_URL: 'redis://127.0.0.1:6379',
      JWT_SECRET: 'x'.repeat(40),
      PAYMENT_CALLBACK_SECRET: 'y'.repeat(20),
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/DATABASE_URL: .*got nothing/);
  });
});
