import { WORKFLOW, WorkflowAction } from './application-workflow';

/** The mermaid state diagram of the workflow, as the README shows it. */
export function workflowMermaid(): string {
  const lines = ['stateDiagram-v2'];
  for (const [name, rule] of Object.entries(WORKFLOW) as [string, WorkflowAction][]) {
    const label = `${name} (${rule.roles.join(', ')})`;
    if (rule.from === 'NEW') lines.push(`    [*] --> ${rule.to}: ${label}`);
    else for (const from of rule.from) lines.push(`    ${from} --> ${rule.to}: ${label}`);
  }
  for (const final of ['REJECTED', 'DELIVERED', 'COLLECTED', 'CANCELLED', 'EXPIRED'])
    lines.push(`    ${final} --> [*]`);
  return lines.join('\n');
}
