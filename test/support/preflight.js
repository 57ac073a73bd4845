// Runs before jest (npm test): stops at once, with instructions, when something the tests need is
// missing — Postgres or Redis not reachable, or the Chromium the browser test drives. Chromium is
// installed here when this machine can (root on Debian: apt-get); otherwise the one command is named.
// --services-only checks Postgres and Redis alone (npm run fuzz needs no browser).
const net = require('node:net');
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');

const pgUrl = new URL(process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
const redisUrl = new URL(process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379');
const CHROMIUM = process.env.TEST_CHROMIUM || '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium';

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port), timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function checkServices() {
  const missing = [];
  if (!(await reachable(pgUrl.hostname, pgUrl.port || 5432))) missing.push(`Postgres at ${pgUrl.host}`);
  if (!(await reachable(redisUrl.hostname, redisUrl.port || 6379))) missing.push(`Redis at ${redisUrl.host}`);
  if (missing.length === 0) return true;
  console.error(
    `The tests need a running Postgres and Redis; not reachable: ${missing.join(', ')}.\n` +
      'Start them with:  docker compose up -d postgres redis\n' +
      'or, with local packages:  pg_ctlcluster <version> main start  and  redis-server --daemonize yes --save ""\n' +
      'Point the tests elsewhere with TEST_DATABASE_URL and TEST_REDIS_URL.',
  );
  return false;
}

/** Root on Debian (or Ubuntu) with apt-get: the one case where installing it here is ours to do. */
function canInstall() {
  if (process.env.PREFLIGHT_NO_INSTALL === '1') return false;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  return root && apt && existsSync('/etc/debian_version');
}

function checkChromium() {
  if (existsSync(CHROMIUM)) return true;
  if (canInstall()) {
    console.error(`The browser test needs Chromium at ${CHROMIUM}; installing it: ${INSTALL}`);
    const installed = spawnSync('sh', ['-c', INSTALL], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (installed.status === 0 && existsSync(CHROMIUM)) return true;
    console.error(`Installing Chromium failed (exit ${installed.status}); no test was run.`);
    return false;
  }
  console.error(
    `The browser test needs Chromium at ${CHROMIUM}, and this user cannot install it. Run, as root:\n\n` +
      `  ${INSTALL}\n\nthen npm test again. No test was run.`,
  );
  return false;
}

(async () => {
  if (!(await checkServices())) process.exit(1);
  if (process.argv.includes('--services-only')) return;
  if (!checkChromium()) process.exit(1);
})();
