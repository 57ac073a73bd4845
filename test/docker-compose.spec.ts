import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * No Docker engine runs on our machines, so the compose file is checked by reading it: it parses,
 * every dependency names a real service with a condition that service can meet, and the pieces the
 * README promises are there.
 */
interface Service {
  build?: unknown;
  image?: string;
  command?: string[] | string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: unknown };
  restart?: string;
  stop_signal?: string;
}

const root = join(__dirname, '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;

/** A value as compose resolves it when the variable is not set: `${NAME:-default}` is the default. */
const resolved = (value: string | undefined) => value?.replace(/\$\{\w+:-([^}]*)\}/g, '$1');

describe('docker-compose.yml', () => {
  it('has postgres, redis, a mail catcher, a one-shot migrate, api, worker and the postal simulator', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'mailpit',
      'migrate',
      'postal-simulator',
      'postgres',
      'redis',
      'worker',
    ]);
    expect(services.migrate.restart).toBe('no');
  });

  it('runs Redis with noeviction, as BullMQ requires', () => {
    expect(services.redis.command).toEqual(expect.arrayContaining(['--maxmemory-policy', 'noeviction']));
  });

  it('only depends on services that exist, with conditions they can meet', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(services[dependency]).toBeDefined();
        if (condition === 'service_healthy') expect(services[dependency].healthcheck).toBeDefined();
        else expect(condition).toBe('service_completed_successfully');
        expect(dependency).not.toBe(name);
      }
    }
  });

  it('gives every app service the required variables and a known role', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const env = services[name].environment ?? {};
      for (const key of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'PAYMENT_CALLBACK_SECRET'])
        expect(env[key]).toBeTruthy();
    }
    expect(services.api.environment?.ROLE).toBe('api');
    // The service runs as licence_app (append-only audit log); only migrate needs the owner.
    for (const name of ['api', 'worker'])
      expect(services[name].environment?.DATABASE_URL).toMatch(/^postgres:\/\/licence_app:/);
    expect(services.migrate.environment?.MIGRATION_DATABASE_URL).toMatch(/^postgres:\/\/licence:/);
    expect(services.migrate.environment?.APP_DB_PASSWORD).toBeTruthy();
    expect(services.worker.environment?.ROLE).toBe('worker');
  });

  it('sends the e-mail notices of the worker to the mail catcher', () => {
    const env = services.worker.environment ?? {};
    expect(env.NOTIFY_EMAIL_TRANSPORT).toBe('smtp');
    expect(env.SMTP_HOST).toBe('mailpit');
    expect(services.mailpit.image).toMatch(/^axllent\/mailpit:/);
  });

  it('takes payments through the VNPAY simulator the api serves, which the worker reaches by the api name', () => {
    for (const name of ['api', 'worker']) {
      const env = services[name].environment ?? {};
      expect(env).toMatchObject({ PAYMENT_GATEWAY: 'vnpay', PAYMENT_SIMULATOR_ENABLED: 'true' });
      expect(resolved(env.VNPAY_TMN_CODE)).toMatch(/^[A-Za-z0-9]{8}$/);
      expect(resolved(env.VNPAY_HASH_SECRET)!.length).toBeGreaterThanOrEqual(16);
      expect(env.VNPAY_API_URL).toBe('http://api:3000/sim/vnpay/merchant_webapi/api/transaction');
    }
  });

  it('runs the postal partner simulator against the api once it is healthy, stopping it as Ctrl-C would', () => {
    const simulator = services['postal-simulator'];
    expect(simulator.build).toBe('.');
    expect(simulator.command).toEqual(
      expect.arrayContaining(['node', 'dist/src/cli/postal-simulate.js', '--url', 'http://api:3000']),
    );
    expect(simulator.depends_on).toEqual({ api: { condition: 'service_healthy' } });
    expect(simulator.stop_signal).toBe('SIGINT'); // it revokes its partner key on SIGINT
    expect(simulator.environment?.DATABASE_URL).toMatch(/^postgres:\/\/licence_app:/);
    const compiled = join(root, 'src', 'cli', 'postal-simulate.ts');
    expect(readFileSync(compiled, 'utf8')).toMatch(/process\.once\('SIGINT'/);
  });

  it('builds the app services from the Dockerfile, whose entry point is the compiled main', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/CMD \["node", "dist\/src\/main\.js"\]/);
    for (const name of ['api', 'worker', 'migrate', 'postal-simulator'])
      expect(services[name].build).toBe('.');
  });
});
