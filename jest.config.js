// Unit tests sit beside the code (src, *.spec.ts); integration and e2e tests live in test/.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

// ESM-only packages that plain Node 20 loads through require(esm) but jest cannot: compile them too.
// @fastify/cookie loads its cookie@2 (ESM) with import(), which jest runs only when compiled to require.
const esmPackages = ['content-disposition', '@fastify/cookie', 'cookie', 'openid-client', 'oauth4webapi', 'jose'];

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
