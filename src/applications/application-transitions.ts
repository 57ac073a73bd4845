import { updateReturning } from '../database/update-returning';
import { EntityManager } from 'typeorm';
import { ApplicationStatus, sourcesOf, WORKFLOW, WorkflowActionName } from '../workflow/application-workflow';

export interface TransitionedApplication {
  id: string;
  reference: string;
  citizen_id: string;
  province_code: string;
  status: ApplicationStatus;
  from_status: ApplicationStatus;
  version: number;
}

/**
 * Moves an application along one action of the workflow with a conditional UPDATE: it happens only if
 * the case is still in a state the action may start from (and at the expected version, when given).
 * Returns null when it was not — the caller decides whether that is a conflict or a no-op retry.
 * `set` adds columns to change in the same statement (trusted SQL fragments, values as parameters).
 */
export async function transitionApplication(
  tx: EntityManager,
  args: {
    id: string;
    action: WorkflowActionName;
    expectVersion?: number;
    /** Column values, or { sql } for an expression such as a.check_run + 1. */
    set?: Record<string, unknown>;
    extraWhere?: string;
  },
): Promise<TransitionedApplication | null> {
  const params: unknown[] = [args.id, WORKFLOW[args.action].to, sourcesOf(args.action)];
  const sets = ['status = $2', 'status_changed_at = now()', 'updated_at = now()', 'version = a.version + 1'];
  for (const [column, value] of Object.entries(args.set ?? {})) {
    if (value && typeof value === 'object' && 'sql' in value)
      sets.push(`${column} = ${(value as { sql: string }).sql}`);
    else {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
  }
  let where = 'a.id = $1 AND a.status = ANY($3::text[])';
  if (args.expectVersion !== undefined) {
    params.push(args.expectVersion);
    where += ` AND a.version = $${params.length}`;
  }
  if (args.extraWhere) where += ` AND (${args.extraWhere})`;
  const rows = await updateReturning<TransitionedApplication>(
    tx,
    `UPDATE applications a SET ${sets.join(', ')}
     FROM (SELECT id, status AS from_status FROM applications WHERE id = $1 FOR UPDATE) before
     WHERE ${where} AND before.id = a.id
     RETURNING a.id, a.reference, a.citizen_id, a.province_code, a.status, before.from_status, a.version`,
    params,
  );
  return rows[0] ?? null;
}
