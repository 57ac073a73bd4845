import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APPLICATION_STATUSES,
  canTake,
  FINAL_STATUSES,
  OPEN_STATUSES,
  WORKFLOW,
} from './application-workflow';
import { workflowMermaid } from './workflow-diagram';

describe('application workflow', () => {
  it('reaches every state from submission', () => {
    const reached = new Set<string>(['AWAITING_PAYMENT']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const rule of Object.values(WORKFLOW)) {
        const from = rule.from === 'NEW' ? [] : (rule.from as readonly string[]);
        if (from.some((s) => reached.has(s)) && !reached.has(rule.to)) {
          reached.add(rule.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...APPLICATION_STATUSES].sort());
  });

  it('lets no action leave a final state', () => {
    for (const rule of Object.values(WORKFLOW)) {
      if (rule.from === 'NEW') continue;
      for (const from of rule.from) expect(FINAL_STATUSES).not.toContain(from);
    }
  });

  it('keeps open and final states apart', () => {
    expect(OPEN_STATUSES.filter((s) => FINAL_STATUSES.includes(s))).toEqual([]);
  });

  it('answers who may take which action from where', () => {
    expect(canTake('APPROVE', 'PENDING_REVIEW', 'officer')).toBe(true);
    expect(canTake('APPROVE', 'PENDING_REVIEW', 'citizen')).toBe(false);
    expect(canTake('APPROVE', 'CHECKING', 'officer')).toBe(false);
    expect(canTake('CANCEL', 'APPROVED', 'citizen')).toBe(false);
    expect(canTake('SUBMIT', 'NEW', 'citizen')).toBe(true);
  });

  it('matches the diagram in the README', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain('```mermaid\n' + workflowMermaid() + '\n```');
  });
});
