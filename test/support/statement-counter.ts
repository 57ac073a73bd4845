import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/**
 * Counts the statements a piece of work sends through a DataSource (BEGIN and COMMIT included), with
 * their texts, and
 * only that work's: the count follows the async context, so the service's own background work (the
 * outbox relay, workers) running meanwhile is not counted.
 */
export function statementCounter(
  db: DataSource,
): <T>(work: () => Promise<T>) => Promise<{ value: T; statements: number; texts: string[] }> {
  const context = new AsyncLocalStorage<{ statements: number; texts: string[] }>();
  const logger = db.logger;
  const logQuery = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, queryRunner) => {
    const counting = context.getStore();
    if (counting) {
      counting.statements++;
      counting.texts.push(query);
    }
    return logQuery(query, parameters, queryRunner);
  };
  return async (work) => {
    const counting = { statements: 0, texts: [] as string[] };
    const value = await context.run(counting, work);
    return { value, ...counting };
  };
}

/** Makes every write to applications fail for one application: a fault in one member of a batch. */
export async function failUpdatesOf(db: DataSource, applicationId: string): Promise<() => Promise<void>> {
  const name = `fail_${applicationId.replace(/-/g, '_')}`;
  await db.query(`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'test fault for application ${applicationId}'; END $$`);
  await db.query(
    `CREATE TRIGGER ${name} BEFORE UPDATE ON applications FOR EACH ROW
     WHEN (OLD.id = '${applicationId}'::uuid) EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await db.query(`DROP TRIGGER ${name} ON applications`);
    await db.query(`DROP FUNCTION ${name}()`);
  };
}
