import { validateEnvironment } from './environment';

const valid = {
  DATABASE_URL: 'postgres://u@localhost:5432/db',
  REDIS_URL: 'redis://localhost:6379/0',
  JWT_SECRET: 'x'.repeat(32),
  PAYMENT_CALLBACK_SECRET: 'y'.repeat(16),
};

describe('validateEnvironment', () => {
  it('accepts a complete environment and fills safe defaults', () => {
    const env = validateEnvironment({ ...valid, PORT: '8080' });
    expect(env.PORT).toBe(8080);
    expect(env.ROLE).toBe('all');
    expect(env.MIGRATIONS_RUN).toBe(false);
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['REDIS_URL', { REDIS_URL: undefined }],
    ['PORT', { PORT: 'eighty' }],
    ['ROLE', { ROLE: 'both' }],
    ['JWT_SECRET', { JWT_SECRET: 'short' }],
    ['MIGRATIONS_RUN', { MIGRATIONS_RUN: 'perhaps' }],
    ['POSTAL_SERVICE_INDICATOR', { POSTAL_SERVICE_INDICATOR: 'JB' }],
    ['TRUSTED_PROXIES', { TRUSTED_PROXIES: 'true' }],
    ['API_DOCS', { API_DOCS: 'private' }],
  ])('refuses a bad %s and names it', (name, patch) => {
    expect(() => validateEnvironment({ ...valid, ...patch })).toThrow(
      new RegExp(`^Invalid environment[\\s\\S]*${name}:`),
    );
  });

  it('trusts no proxy and serves the API docs unless told otherwise', () => {
    const env = validateEnvironment(valid);
    expect(env.TRUSTED_PROXIES).toBe('');
    expect(env.API_DOCS).toBe('public');
    expect(validateEnvironment({ ...valid, TRUSTED_PROXIES: '10.0.0.0/8,::1' }).TRUSTED_PROXIES).toBe(
      '10.0.0.0/8,::1',
    );
  });

  it('never prints a secret it refuses', () => {
    expect(() => validateEnvironment({ ...valid, JWT_SECRET: 'hunter2' })).toThrow(/a hidden value/);
    expect(() => validateEnvironment({ ...valid, JWT_SECRET: 'hunter2' })).not.toThrow(/hunter2/);
  });
});
