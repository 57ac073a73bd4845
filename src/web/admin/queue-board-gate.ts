import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../audit/audit-log';
import type { AuthUser } from '../../auth/auth-user';
import { Environment } from '../../config/environment';
import { ALL_QUEUES, QueueName } from '../../queue/queue-names';
import { QueueRegistry } from '../../queue/queue-registry';
import { languageOf } from '../http/page-renderer';
import { Translator } from '../i18n/translator';
import { WebSessionService } from '../session/web-session.service';
import { QUEUE_BOARD_PATH, queueBoardAccess, QueueBoardDecision } from './queue-board-access';

/** The board's own pages need inline styles (its loading screen, React's style attributes); scripts stay ours. */
const BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

const problem = (status: number, title: string, detail: string) => ({
  type: 'about:blank',
  title,
  status,
  detail,
});

const REFUSALS = {
  NOT_ADMIN: 'The queue board is for staff with the admin role.',
  CROSS_ORIGIN: 'Changes on the queue board are taken only from pages of this site.',
  CHANGE_NOT_OFFERED:
    'The queue board retries failed jobs and runs delayed ones now; other changes go through the service.',
} as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The door to the queue board (bull-board's routes are plain Fastify routes, which Nest's guards do not
 * see): every request's web session is resolved as for the staff pages, queueBoardAccess decides, and a
 * change the board makes is audited (staff actor, subject the queue or job) once it succeeded.
 */
@Injectable()
export class QueueBoardGate {
  private readonly decisions = new WeakMap<FastifyRequest, QueueBoardDecision & { user: AuthUser }>();

  constructor(
    private readonly sessions: WebSessionService,
    private readonly translator: Translator,
    private readonly audit: AuditLog,
    private readonly env: Environment,
    private readonly queues: QueueRegistry,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** onRequest: lets the request through (returns nothing) or answers it. */
  async admit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const user = await this.sessions.resolve(request);
    const origin = request.headers.origin;
    const ownOrigins = [`${request.protocol}://${request.host}`];
    if (this.env.PUBLIC_BASE_URL) ownOrigins.push(new URL(this.env.PUBLIC_BASE_URL).origin);
    const path = request.url.split('?')[0];
    let decision = queueBoardAccess(user, { method: request.method, path, origin, ownOrigins });
    if (
      decision.allow &&
      decision.change?.action === 'QUEUE_JOB_RETRIED' &&
      !(await this.failed(decision.change))
    ) {
      decision = { allow: false, status: 403, reason: 'CHANGE_NOT_OFFERED' };
    }
    if (decision.allow) {
      this.decisions.set(request, { ...decision, user: user! });
      void reply.header('content-security-policy', BOARD_CSP).header('cache-control', 'no-store');
      return;
    }
    void reply.header('cache-control', 'no-store');
    if (decision.status === 401 && decision.signIn) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      await reply.redirect(`/staff/sign-in${next}`, 303);
      return;
    }
    if (decision.status === 401) {
      await reply
        .code(401)
        .type('application/problem+json')
        .send(
          problem(401, 'Sign-in required', 'Sign in as staff with the admin role to use the queue board.'),
        );
      return;
    }
    if (path.startsWith(`${QUEUE_BOARD_PATH}/api/`)) {
      await reply
        .code(403)
        .type('application/problem+json')
        .send(problem(403, 'Forbidden', REFUSALS[decision.reason]));
      return;
    }
    await reply.code(403).type('text/html; charset=utf-8').send(this.forbiddenPage(request));
  }

  /** Only a failed job is retried from the board (bull-board would run a completed one again too). */
  private async failed(change: { queue: string; jobId: string | null }): Promise<boolean> {
    if (!ALL_QUEUES.includes(change.queue as QueueName) || change.jobId === null) return true; // the board answers 404
    return (await this.queues.get(change.queue as QueueName).getJobState(change.jobId)) === 'failed';
  }

  /** onSend: a change that succeeded joins the audit log before the answer leaves. */
  async recordChange(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const decision = this.decisions.get(request);
    if (!decision?.allow || !decision.change || reply.statusCode >= 300) return;
    const { action, queue, jobId } = decision.change;
    await this.audit.record(this.db.manager, {
      actor: { kind: 'staff', id: decision.user.id, role: decision.user.role, ip: request.ip },
      action,
      subjectType: jobId === null ? 'queue' : 'queue_job',
      subjectId: jobId === null ? queue : `${queue}:${jobId}`,
      data: { queue, jobId, via: 'queue board' },
    });
  }

  /** A plain 403 page in the person's language (the board's scope renders with its own view engine). */
  private forbiddenPage(request: FastifyRequest): string {
    const lang = languageOf(request);
    const t = this.translator.forLanguage(lang);
    return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(t('errors.forbidden.title'))}</title>
<link rel="stylesheet" href="/assets/app.css"></head><body><main><h1>${escapeHtml(t('errors.forbidden.title'))}</h1>
<p>${escapeHtml(t('errors.forbidden.body'))}</p><p><a href="/staff">/staff</a></p></main></body></html>`;
  }
}
