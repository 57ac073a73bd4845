/** Where the tests find Postgres and Redis, and how each run names what it owns there. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

export function databaseUrl(name: string, user?: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  if (user) {
    url.username = user;
    url.password = '';
  }
  return url.toString();
}

/** Set by global-setup: one id per `npm test` run, so parallel runs never touch each other's data. */
export function runId(): string {
  const id = process.env.LR_TEST_RUN_ID;
  if (!id) throw new Error('LR_TEST_RUN_ID is not set: run the tests through jest (global-setup).');
  return id;
}

export const templateDatabaseName = (id: string) => `lr_test_${id}_template`;
