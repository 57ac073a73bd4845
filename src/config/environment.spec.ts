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

  describe('notices', () => {
    it('records by default and needs nothing more', () => {
      const env = validateEnvironment(valid);
      expect([env.NOTIFY_EMAIL_TRANSPORT, env.NOTIFY_SMS_TRANSPORT]).toEqual(['record', 'record']);
      expect(env.SMS_UNACCENTED).toBe(true);
    });

    it('accepts SMTP by URL or by host, and an HTTP gateway with its brand name', () => {
      const smtp = { ...valid, NOTIFY_EMAIL_TRANSPORT: 'smtp' };
      expect(validateEnvironment({ ...smtp, SMTP_URL: 'smtps://u:p@mail.example.vn' }).SMTP_URL).toBe(
        'smtps://u:p@mail.example.vn',
      );
      expect(
        validateEnvironment({ ...smtp, SMTP_URL: '', SMTP_HOST: 'mailpit', SMTP_PORT: '1025' }).SMTP_PORT,
      ).toBe(1025);
      const http = {
        ...valid,
        NOTIFY_SMS_TRANSPORT: 'http',
        SMS_GATEWAY_URL: 'https://sms.example.vn/send',
        SMS_BRANDNAME: 'GPLX',
      };
      expect(validateEnvironment(http).SMS_GATEWAY_URL).toBe('https://sms.example.vn/send');
    });

    it.each([
      ['SMTP_URL', { NOTIFY_EMAIL_TRANSPORT: 'smtp' }],
      ['SMTP_URL', { NOTIFY_EMAIL_TRANSPORT: 'smtp', SMTP_URL: 'mail.example.vn' }],
      ['NOTIFY_EMAIL_TRANSPORT', { NOTIFY_EMAIL_TRANSPORT: 'sendgrid' }],
      ['SMS_GATEWAY_URL', { NOTIFY_SMS_TRANSPORT: 'http', SMS_BRANDNAME: 'GPLX' }],
      ['SMS_BRANDNAME', { NOTIFY_SMS_TRANSPORT: 'http', SMS_GATEWAY_URL: 'https://sms.example.vn' }],
      [
        'SMS_BRANDNAME',
        {
          NOTIFY_SMS_TRANSPORT: 'http',
          SMS_GATEWAY_URL: 'https://sms.example.vn',
          SMS_BRANDNAME: 'TOO-LONG-BRAND',
        },
      ],
      ['SMS_GATEWAY_BODY', { SMS_GATEWAY_BODY: '{"to": {to}}' }],
      ['SMS_GATEWAY_BODY', { SMS_GATEWAY_BODY: '["{to}"]' }],
    ])('refuses a bad or missing %s', (name, patch) => {
      expect(() => validateEnvironment({ ...valid, ...patch })).toThrow(new RegExp(`${name}:`));
    });

    it('hides an SMTP URL it refuses, since it may hold a password', () => {
      expect(() =>
        validateEnvironment({ ...valid, NOTIFY_EMAIL_TRANSPORT: 'smtp', SMTP_URL: 'http://u:hunter2@x' }),
      ).not.toThrow(/hunter2/);
    });
  });

  it('never prints a secret it refuses', () => {
    expect(() => validateEnvironment({ ...valid, JWT_SECRET: 'hunter2' })).toThrow(/a hidden value/);
    expect(() => validateEnvironment({ ...valid, JWT_SECRET: 'hunter2' })).not.toThrow(/hunter2/);
  });
});
