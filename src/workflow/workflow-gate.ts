import type { AuditActor } from '../audit/audit-entry';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/errors/domain-error';
import { ActorRole, WORKFLOW, WorkflowAction, WorkflowActionName } from './application-workflow';

/** Who takes the action: the audit's actor, with the workflow role the table is checked against. */
export type WorkflowActor = AuditActor & { role: ActorRole };

/** Refuses an actor whose role the workflow table does not allow to take the action. */
export function assertMayTake(action: WorkflowActionName, role: ActorRole): void {
  const rule: WorkflowAction = WORKFLOW[action];
  if (!rule.roles.includes(role)) {
    throw new DomainError(
      'FORBIDDEN',
      `A ${role} may not ${action.toLowerCase().replace(/_/g, ' ')} an application.`,
    );
  }
}

/** The signed-in person as an actor: citizens as 'citizen', staff by their role. */
export function personActor(user: AuthUser, ip: string): WorkflowActor {
  return { kind: user.kind, id: user.id, role: user.role, ip };
}
