// npm run fuzz -- [--seed N] [--runs N]: the fuzz suite for longer than npm test runs it. It prints
// the seed first; run again with that seed (and the same runs) to replay a failure.
const { spawnSync } = require('node:child_process');
const { parseArgs } = require('node:util');
const { join } = require('node:path');

const { values } = parseArgs({
  options: { seed: { type: 'string' }, runs: { type: 'string', default: '25' } },
});
for (const [name, value] of Object.entries(values)) {
  if (value !== undefined && !/^\d+$/.test(value)) {
    console.error(`--${name} must be a whole number (got ${value})`);
    process.exit(2);
  }
}
const seed = values.seed ?? String(Date.now() % 2 ** 31);
console.log(
  `fuzz seed ${seed}, runs ${values.runs} (replay: npm run fuzz -- --seed ${seed} --runs ${values.runs})`,
);

const root = join(__dirname, '..', '..');
const preflight = spawnSync(process.execPath, ['test/support/preflight.js', '--services-only'], {
  cwd: root,
  stdio: 'inherit',
});
if (preflight.status !== 0) process.exit(preflight.status ?? 1);
const jest = spawnSync(
  process.execPath,
  [require.resolve('jest/bin/jest'), '--runInBand', 'test/fuzz/api-fuzz.e2e-spec.ts'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: values.runs } },
);
process.exit(jest.status ?? 1);
