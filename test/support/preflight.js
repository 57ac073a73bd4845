// Runs before jest: fail at once, with instructions, when Postgres or Redis is not reachable.
const net = require('node:net');

const pgUrl = new URL(process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
const redisUrl = new URL(process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379');

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port), timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

(async () => {
  const missing = [];
  if (!(await reachable(pgUrl.hostname, pgUrl.port || 5432))) missing.push(`Postgres at ${pgUrl.host}`);
  if (!(await reachable(redisUrl.hostname, redisUrl.port || 6379))) missing.push(`Redis at ${redisUrl.host}`);
  if (missing.length === 0) return;
  console.error(
    `The tests need a running Postgres and Redis; not reachable: ${missing.join(', ')}.\n` +
      'Start them with:  docker compose up -d postgres redis\n' +
      'or, with local packages:  pg_ctlcluster <version> main start  and  redis-server --daemonize yes --save ""\n' +
      'Point the tests elsewhere with TEST_DATABASE_URL and TEST_REDIS_URL.',
  );
  process.exit(1);
})();
