import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
import { DomainError } from '../common/errors/domain-error';
import { changesParameter } from './application-changes';
import { WORKFLOW, WorkflowActionName } from './application-workflow';
import { assertMayTake } from './workflow-gate';

const ROOT = join(__dirname, '..', '..');

/** The only files that may create applications or write their status. */
const WRITE_PATH = ['src/workflow/take-action.ts', 'src/workflow/start-application.ts'];
/** Not the service: fills a scratch database for the statistics benchmark (src/stats/bench). */
const ALLOWED = ['src/stats/bench/synthetic-applications.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Statements in the text that write applications.status: an UPDATE setting it, or an INSERT naming it. */
export function statusWrites(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(
    /UPDATE\s+applications\b([\s\S]*?)(?:\bWHERE\b|\bFROM\b|\bRETURNING\b|`)/gi,
  )) {
    if (/(^|[\s,(])(a\.)?status\s*=/i.test(m[1])) found.push(m[0].replace(/\s+/g, ' ').slice(0, 80));
  }
  for (const m of text.matchAll(/INSERT\s+INTO\s+applications\s*\(([^)]*)\)/gi)) {
    if (/\bstatus\b/i.test(m[1])) found.push(m[0].replace(/\s+/g, ' ').slice(0, 80));
  }
  return found;
}

describe('the one write path', () => {
  it('is the only code that writes applications.status', () => {
    const offenders = sourceFiles(join(ROOT, 'src'))
      .map((path) => relative(ROOT, path))
      .filter((path) => !WRITE_PATH.includes(path) && !ALLOWED.includes(path))
      .flatMap((path) =>
        statusWrites(readFileSync(join(ROOT, path), 'utf8')).map((sql) => `${path}: ${sql}`),
      );
    expect(offenders).toEqual([]);
  });

  it('finds the status writes it guards against (the detector is not blind)', () => {
    for (const path of WRITE_PATH)
      expect(statusWrites(readFileSync(join(ROOT, path), 'utf8'))).not.toEqual([]);
    expect(statusWrites('`UPDATE applications SET status = $2 WHERE id = $1`')).toHaveLength(1);
    expect(statusWrites("`UPDATE applications a SET version = 1, a.status='X' WHERE`")).toHaveLength(1);
    expect(statusWrites('`INSERT INTO applications (id, status) VALUES ($1, $2)`')).toHaveLength(1);
    expect(statusWrites('`UPDATE applications SET breached_at = now() WHERE status = $1`')).toEqual([]);
    expect(statusWrites('`UPDATE payments SET status = $1`')).toEqual([]);
  });
});

describe('where SQL lives', () => {
  it('is never in a controller or a module file (they translate and wire; repositories and queries talk SQL)', () => {
    const offenders = sourceFiles(join(ROOT, 'src'))
      .map((path) => relative(ROOT, path))
      .filter((path) => /\.(controller|module)\.ts$/.test(path))
      .filter((path) =>
        /\.query\s*[<(]|`\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\s/.test(
          readFileSync(join(ROOT, path), 'utf8'),
        ),
      );
    expect(offenders).toEqual([]);
  });
});

describe('the workflow table is the gate', () => {
  it('lets each action be taken by its roles and refuses every other role', () => {
    const roles = [
      'citizen',
      'officer',
      'supervisor',
      'auditor',
      'admin',
      'system',
      'provider',
      'partner',
    ] as const;
    for (const [action, rule] of Object.entries(WORKFLOW)) {
      for (const role of roles) {
        const allowed = (rule.roles as readonly string[]).includes(role);
        const attempt = () => assertMayTake(action as WorkflowActionName, role);
        if (allowed) expect(attempt).not.toThrow();
        else expect(attempt).toThrow(DomainError);
      }
    }
  });

  it('refuses the system an officer’s decision, and a citizen the payment', () => {
    expect(() => assertMayTake('APPROVE', SYSTEM_ACTOR.role)).toThrow(/system may not approve/);
    expect(() => assertMayTake('PAY', 'citizen')).toThrow(/citizen may not pay/);
  });
});

describe('changes travel as one typed parameter', () => {
  it('sends only the keys given, with times as ISO strings or the database clock', () => {
    const at = new Date('2026-12-07T03:00:00Z');
    expect(JSON.parse(JSON.stringify(changesParameter({})))).toEqual({});
    expect(
      JSON.parse(
        JSON.stringify(
          changesParameter({
            checkedAt: at,
            decidedAt: 'now',
            dueAt: null,
            newCheckRun: true,
            attention: null,
          }),
        ),
      ),
    ).toEqual({
      checked_at: '2026-12-07T03:00:00.000Z',
      decided_at: 'now',
      due_at: null,
      new_check_run: true,
      attention: null,
    });
  });
});
