import type { EntityManager } from 'typeorm';

/**
 * Runs an UPDATE or DELETE … RETURNING and gives back the returned rows. TypeORM's postgres driver
 * answers such statements with [rows, affectedCount] rather than the rows alone.
 */
export async function updateReturning<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const result = await manager.query<[T[], number]>(sql, params);
  return result[0];
}
