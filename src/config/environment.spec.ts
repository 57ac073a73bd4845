import { DEVELOPMENT_AUDIT_HMAC_KEY, validateEnvironment } from './environment';

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

  describe('audit log settings', () => {
    it('uses the development audit key outside production, with checkpoints off by default', () => {
      const env = validateEnvironment(valid);
      expect(env.AUDIT_HMAC_KEY).toBe(DEVELOPMENT_AUDIT_HMAC_KEY);
      expect(env.AUDIT_CHECKPOINT_DIR).toBeUndefined();
      expect(env.AUDIT_CHECKPOINT_INTERVAL_SECONDS).toBe(3600);
    });

    it('requires a key of its own in production, without printing it', () => {
      const production = { ...valid, NODE_ENV: 'production' };
      expect(() => validateEnvironment(production)).toThrow(
        /AUDIT_HMAC_KEY: AUDIT_HMAC_KEY must be at least 32/,
      );
      expect(() =>
        validateEnvironment({ ...production, AUDIT_HMAC_KEY: DEVELOPMENT_AUDIT_HMAC_KEY }),
      ).toThrow(/AUDIT_HMAC_KEY: must be a secret of its own in production/);
      expect(() => validateEnvironment({ ...production, AUDIT_HMAC_KEY: 'too-short-key' })).toThrow(
        /a hidden value/,
      );
      expect(() => validateEnvironment({ ...production, AUDIT_HMAC_KEY: 'too-short-key' })).not.toThrow(
        /too-short/,
      );
      expect(validateEnvironment({ ...production, AUDIT_HMAC_KEY: 'k'.repeat(32) }).AUDIT_HMAC_KEY).toBe(
        'k'.repeat(32),
      );
    });

    it('reads the checkpoint directory and interval, refusing an interval under 10 s', () => {
      const env = validateEnvironment({
        ...valid,
        AUDIT_CHECKPOINT_DIR: '/var/lib/audit',
        AUDIT_CHECKPOINT_INTERVAL_SECONDS: '600',
      });
      expect(env.AUDIT_CHECKPOINT_DIR).toBe('/var/lib/audit');
      expect(env.AUDIT_CHECKPOINT_INTERVAL_SECONDS).toBe(600);
      expect(
        validateEnvironment({ ...valid, AUDIT_CHECKPOINT_DIR: '' }).AUDIT_CHECKPOINT_DIR,
      ).toBeUndefined();
      expect(() => validateEnvironment({ ...valid, AUDIT_CHECKPOINT_INTERVAL_SECONDS: '5' })).toThrow(
        /AUDIT_CHECKPOINT_INTERVAL_SECONDS:/,
      );
    });
  });
});

describe('validateEnvironment: citizen sign-in (national e-ID over OpenID Connect, passwords)', () => {
  const eid = {
    ...valid,
    OIDC_ENABLED: 'true',
    OIDC_ISSUER: 'https://id.example.gov.vn',
    OIDC_CLIENT_ID: 'licence-renewal',
    PUBLIC_BASE_URL: 'https://gplx.example.gov.vn',
  };

  it('keeps the e-ID off and passwords on by default, with the standard claim names', () => {
    const env = validateEnvironment(valid);
    expect([env.OIDC_ENABLED, env.PASSWORD_SIGN_IN_ENABLED]).toEqual([false, true]);
    expect([env.OIDC_SCOPES, env.OIDC_CLAIM_NAME, env.OIDC_CLAIM_BIRTHDATE]).toEqual([
      'openid profile',
      'name',
      'birthdate',
    ]);
  });

  it('reads empty values (as .env.example leaves them) as unset', () => {
    const env = validateEnvironment({ ...eid, OIDC_REDIRECT_URI: '', OIDC_CLIENT_SECRET: '' });
    expect([env.OIDC_REDIRECT_URI, env.OIDC_CLIENT_SECRET]).toEqual([undefined, undefined]);
    expect(() => validateEnvironment({ ...eid, OIDC_ISSUER: '' })).toThrow(/OIDC_ISSUER:/);
  });

  it('accepts the e-ID alone, with passwords off', () => {
    const env = validateEnvironment({ ...eid, PASSWORD_SIGN_IN_ENABLED: 'false' });
    expect([env.OIDC_ENABLED, env.PASSWORD_SIGN_IN_ENABLED]).toEqual([true, false]);
  });

  it.each([
    ['OIDC_ISSUER', { OIDC_ISSUER: undefined }],
    ['OIDC_ISSUER', { OIDC_ISSUER: 'id.example.gov.vn' }],
    ['OIDC_CLIENT_ID', { OIDC_CLIENT_ID: '' }],
    ['OIDC_SCOPES', { OIDC_SCOPES: 'profile email' }],
    ['OIDC_REDIRECT_URI', { PUBLIC_BASE_URL: undefined }],
    ['OIDC_REDIRECT_URI', { OIDC_REDIRECT_URI: '/auth/oidc/callback' }],
    ['OIDC_CLAIM_NATIONAL_ID', { OIDC_CLAIM_NATIONAL_ID: 'citizen id' }],
    ['PASSWORD_SIGN_IN_ENABLED', { PASSWORD_SIGN_IN_ENABLED: 'perhaps' }],
  ])('with the e-ID on, refuses a bad %s and names it', (name, patch) => {
    expect(() => validateEnvironment({ ...eid, ...patch })).toThrow(new RegExp(`${name}:`));
  });

  it('refuses passwords off while the e-ID is off too (citizens could not sign in at all)', () => {
    expect(() => validateEnvironment({ ...valid, PASSWORD_SIGN_IN_ENABLED: 'false' })).toThrow(
      /PASSWORD_SIGN_IN_ENABLED: PASSWORD_SIGN_IN_ENABLED may be false only when OIDC_ENABLED is true/,
    );
  });

  it('never prints the client secret', () => {
    expect(() => validateEnvironment({ ...eid, OIDC_CLIENT_SECRET: 42 })).toThrow(/a hidden value/);
  });
});
