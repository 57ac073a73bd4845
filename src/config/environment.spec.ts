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
  ])('refuses a bad %s and names it', (name, patch) => {
    expect(() => validateEnvironment({ ...valid, ...patch })).toThrow(
      new RegExp(`^Invalid environment[\\s\\S]*${name}:`),
    );
  });

  it('needs VNPAY credentials with PAYMENT_GATEWAY=vnpay, and real URLs without the simulator', () => {
    expect(validateEnvironment(valid).PAYMENT_GATEWAY).toBe('generic');
    expect(
      validateEnvironment({ ...valid, VNPAY_TMN_CODE: '', VNPAY_HASH_SECRET: '' }).VNPAY_TMN_CODE,
    ).toBeUndefined();
    expect(() => validateEnvironment({ ...valid, PAYMENT_GATEWAY: 'paypal' })).toThrow(/PAYMENT_GATEWAY:/);
    expect(() => validateEnvironment({ ...valid, PAYMENT_GATEWAY: 'vnpay' })).toThrow(
      /VNPAY_TMN_CODE: VNPAY_TMN_CODE is required[\s\S]*VNPAY_HASH_SECRET:/,
    );
    const vnpay = {
      ...valid,
      PAYMENT_GATEWAY: 'vnpay',
      VNPAY_TMN_CODE: 'DEMOV210',
      VNPAY_HASH_SECRET: 'z'.repeat(32),
    };
    expect(validateEnvironment(vnpay).VNPAY_PAY_URL).toBeUndefined(); // the simulator stands in
    expect(() => validateEnvironment({ ...vnpay, NODE_ENV: 'production' })).toThrow(
      /VNPAY_PAY_URL:[\s\S]*VNPAY_API_URL:/,
    );
    expect(() => validateEnvironment({ ...vnpay, VNPAY_TMN_CODE: 'short' })).toThrow(/VNPAY_TMN_CODE:/);
    expect(() => validateEnvironment({ ...vnpay, VNPAY_HASH_SECRET: 'short' })).toThrow(/a hidden value/);
  });

  it('never prints a secret it refuses', () => {
    expect(() => validateEnvironment({ ...valid, JWT_SECRET: 'hunter2' })).toThrow(/a hidden value/);
    expect(() => validateEnvironment({ ...valid, JWT_SECRET: 'hunter2' })).not.toThrow(/hunter2/);
  });
});
