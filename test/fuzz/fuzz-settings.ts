/**
 * How long the fuzz suite runs. `npm test` runs a bounded pass (a minute or so); `npm run fuzz --
 * --seed N --runs N` sets FUZZ_SEED and FUZZ_RUNS for a longer one, and a failure is replayed by
 * running again with the seed printed at the start.
 */
export interface FuzzSettings {
  seed: number;
  /** Generated requests per API operation and caller. */
  apiRuns: number;
  /** Generated requests per web route. */
  webRuns: number;
}

const whole = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : undefined);

export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): FuzzSettings {
  const runs = whole(env.FUZZ_RUNS);
  return {
    seed: whole(env.FUZZ_SEED) ?? Date.now() % 2 ** 31,
    apiRuns: runs ?? 3,
    webRuns: runs ? runs * 3 : 12,
  };
}
