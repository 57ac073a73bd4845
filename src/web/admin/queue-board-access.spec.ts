import type { AuthUser } from '../../auth/auth-user';
import { QUEUE_BOARD_PATH, queueBoardAccess } from './queue-board-access';

const staff = (role: AuthUser['role']): AuthUser => ({
  kind: 'staff',
  id: 's1',
  role,
  nationalId: null,
  provinceCode: null,
  username: 'u',
});
const ask = (user: AuthUser | null, method: string, sub: string, origin?: string) =>
  queueBoardAccess(user, {
    method,
    path: `${QUEUE_BOARD_PATH}${sub}`,
    origin,
    ownOrigins: ['https://gplx.example'],
  });

describe('queueBoardAccess', () => {
  it('sends anonymous page visits to sign-in and answers API calls 401', () => {
    expect(ask(null, 'GET', '')).toEqual({ allow: false, status: 401, signIn: true });
    expect(ask(null, 'GET', '/api/queues')).toEqual({ allow: false, status: 401, signIn: false });
    expect(ask({ ...staff('admin'), kind: 'citizen', role: 'citizen' }, 'GET', '')).toMatchObject({
      status: 401,
    });
  });

  it('admits admins only', () => {
    for (const role of ['officer', 'supervisor', 'auditor'] as const)
      expect(ask(staff(role), 'GET', '')).toEqual({ allow: false, status: 403, reason: 'NOT_ADMIN' });
    expect(ask(staff('admin'), 'GET', '/api/queues')).toEqual({ allow: true });
  });

  it('offers retry and promote only, named for the audit', () => {
    expect(ask(staff('admin'), 'PUT', '/api/queues/refunds/job%3A1/retry')).toEqual({
      allow: true,
      change: { action: 'QUEUE_JOB_RETRIED', queue: 'refunds', jobId: 'job:1' },
    });
    expect(ask(staff('admin'), 'PUT', '/api/queues/refunds/retry/failed')).toEqual({
      allow: true,
      change: { action: 'QUEUE_FAILED_JOBS_RETRIED', queue: 'refunds', jobId: null },
    });
    expect(ask(staff('admin'), 'PUT', '/api/queues/refunds/7/promote')).toMatchObject({ allow: true });
    for (const [method, sub] of [
      ['PUT', '/api/queues/refunds/retry/completed'],
      ['PUT', '/api/queues/refunds/obliterate'],
      ['POST', '/api/queues/refunds/add'],
      ['PATCH', '/api/queues/refunds/7/update-data'],
      ['PUT', '/api/queues/refunds/%E0%A4%A/retry'],
    ])
      expect(ask(staff('admin'), method, sub)).toEqual({
        allow: false,
        status: 403,
        reason: 'CHANGE_NOT_OFFERED',
      });
  });

  it('refuses changes sent from another origin', () => {
    expect(ask(staff('admin'), 'PUT', '/api/queues/refunds/7/retry', 'https://evil.example')).toEqual({
      allow: false,
      status: 403,
      reason: 'CROSS_ORIGIN',
    });
    expect(ask(staff('admin'), 'PUT', '/api/queues/refunds/7/retry', 'https://gplx.example')).toMatchObject({
      allow: true,
    });
  });
});
