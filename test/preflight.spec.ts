import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** npm test's first step: nothing starts without Postgres, Redis and (for the browser test) Chromium. */
const preflight = (env: Record<string, string>, args: string[] = []) =>
  spawnSync(process.execPath, [join(__dirname, 'support', 'preflight.js'), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });

describe('the test preflight', () => {
  it('passes when the services run and Chromium is where the browser test looks', () => {
    const run = preflight({ TEST_CHROMIUM: process.execPath });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('stops before any test, naming the one command, where Chromium is missing and cannot be installed', () => {
    const run = preflight({ TEST_CHROMIUM: '/nonexistent/chromium', PREFLIGHT_NO_INSTALL: '1' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('apt-get update && apt-get install -y chromium');
    expect(run.stderr).toContain('No test was run');
  });

  it('does not ask for Chromium when only the services are needed (npm run fuzz)', () => {
    const run = preflight({ TEST_CHROMIUM: '/nonexistent/chromium', PREFLIGHT_NO_INSTALL: '1' }, [
      '--services-only',
    ]);
    expect(run.status).toBe(0);
  });

  it('stops when Redis is not reachable', () => {
    const run = preflight({ TEST_CHROMIUM: process.execPath, TEST_REDIS_URL: 'redis://127.0.0.1:1' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Redis at 127.0.0.1:1');
  });
});
