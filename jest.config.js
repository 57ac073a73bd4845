// Unit tests sit beside the code (src, *.spec.ts); integration and e2e tests live in test/.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

// ES modules that the code loads with import() (openid-client and its oauth4webapi, jose; oidc-provider in
// the tests) and @fastify/cookie, whose import('cookie') jest runs only when compiled to require: jest
// without --experimental-vm-modules cannot load an ES module, so these are compiled to CommonJS too.
const esmPackages = ['@fastify/cookie', 'openid-client', 'oauth4webapi', 'jose', 'oidc-provider'];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testRegex: '(src|test)/.*\\.(spec|e2e-spec|int-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    [`node_modules/(${esmPackages.join('|')})/.+\\.js$`]: ['@swc/jest', { ...swc, jsc: { ...swc.jsc, parser: { syntax: 'ecmascript' } } }],
  },
  transformIgnorePatterns: [`node_modules/(?!(${esmPackages.join('|')})/)`],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/openapi-contract.setup.ts'],
  testTimeout: 60000,
};
