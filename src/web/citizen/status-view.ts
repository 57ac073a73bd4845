import type { ApplicationView } from '../../applications/application-view';
import type { TimelineEntry } from '../../applications/application-timeline';
import { NotificationParams, renderNotification } from '../../notifications/notification-templates';
import { REJECTION_REASONS } from '../../review/dto/decisions.dto';
import { sourcesOf } from '../../workflow/application-workflow';
import type { Language } from '../i18n/translator';
import type { PageMessage } from './citizen-pages.repository';

export interface CheckLine {
  rule: string;
  outcome: string;
  /** What the result means and (for a problem) what to do, already in the reader's language. */
  summary: string;
  action: string | null;
}

/** What the citizen can do now, in the order the page offers it. */
export interface NextActions {
  pay: boolean;
  payAgain: boolean;
  answer: boolean;
  cancel: boolean;
}

const CANCELLABLE = new Set<string>(sourcesOf('CANCEL'));
/** Statuses in which the office still has to act: the page gives the review deadline. */
const WITH_THE_OFFICE = new Set(['PENDING_REVIEW', 'NEEDS_ATTENTION']);

/** The checks in the citizen's words (the unpaid fines themselves are listed by `finesOf`). */
export function checkLines(app: ApplicationView): CheckLine[] {
  return app.checks.map((c) => ({
    rule: c.rule,
    outcome: c.outcome,
    summary: c.detail,
    action: c.outcome === 'PASS' ? null : c.action,
  }));
}

export function nextActions(app: ApplicationView, pendingPaymentId: string | null, now: Date): NextActions {
  const awaiting = app.status === 'AWAITING_PAYMENT';
  return {
    pay: awaiting && pendingPaymentId !== null,
    payAgain: awaiting && pendingPaymentId === null && new Date(app.fee.dueBy) > now,
    answer: app.status === 'NEEDS_INFO',
    cancel: CANCELLABLE.has(app.status),
  };
}

export const showsReviewDeadline = (app: ApplicationView) =>
  WITH_THE_OFFICE.has(app.status) && !!app.reviewDueBy;

/**
 * The decision's reason in the citizen's words: the reason code becomes its translated sentence; the
 * officer's own note is shown as written.
 */
export function decisionReason(app: ApplicationView): { reasonKey: string | null; note: string | null } {
  const reason = typeof app.decision?.reason === 'string' ? app.decision.reason : null;
  if (!reason) return { reasonKey: null, note: null };
  const match = /^([A-Z_]+): ([\s\S]*)$/.exec(reason);
  if (match && match[1] in REJECTION_REASONS) return { reasonKey: `rejection.${match[1]}`, note: match[2] };
  return { reasonKey: null, note: reason };
}

const TIMELINE_BY = new Set([
  'you',
  'the_licensing_office',
  'the_service',
  'the_payment_provider',
  'the_post',
]);

/** Timeline entries as translation keys (the audit log's own sentences are English). */
export function timelineLines(entries: TimelineEntry[]) {
  return entries.map((e) => {
    const by = e.by.replace(/\s+/g, '_');
    return {
      at: e.at,
      action: e.action,
      actionKey: `timeline.${e.action}`,
      byKey: `timeline.by.${TIMELINE_BY.has(by) ? by : 'the_service'}`,
    };
  });
}

/**
 * Notices are written again from their template and raw parameters in the reader's language, amounts
 * and times formatted for them. Older notices without parameters carry the Vietnamese text, then the
 * English on the next line: the reader's line is shown. Messages people wrote are shown as written.
 */
export function messageLines(messages: PageMessage[], language: Language) {
  return messages.map((m) => {
    const lines = m.body.split('\n');
    const body =
      m.kind !== 'NOTIFICATION'
        ? m.body
        : m.template && m.params
          ? renderNotification(m.template, m.params as NotificationParams, language)
          : lines.length === 2
            ? language === 'vi'
              ? lines[0]
              : lines[1]
            : m.body;
    return {
      at: m.at,
      fromKey: `messages.from.${m.kind === 'NOTIFICATION' ? 'service' : m.authorKind}`,
      kind: m.kind,
      body,
    };
  });
}
