import { backoffAfter } from '../../queue/job-backoff';
import type { SendResult } from '../notification-sender';
import type { ClaimedNotice, DeliveryRecord } from './delivery-store';

/** Why an interrupted e-mail is not sent again (status FAILED, shown to staff on the case). */
export const UNCONFIRMED_REASON =
  'Sending was interrupted (the worker stopped before the mail server’s answer was recorded): the e-mail may have arrived. It is not sent again, so that the citizen never gets it twice.';

/**
 * A claimed notice that must not be sent, settled: an interrupted one on a channel that cannot
 * recognise a copy (at most once: FAILED, UNCONFIRMED), or one whose tries were all used up by workers
 * that stopped while sending it (a notice that stops every worker is given up, not claimed forever).
 */
export function settleUnsent(
  notice: ClaimedNotice,
  channelDedupes: boolean,
  maxAttempts: number,
): DeliveryRecord | undefined {
  if (!notice.interrupted) return undefined;
  if (!channelDedupes) {
    return {
      id: notice.id,
      attempts: notice.attempts,
      status: 'FAILED',
      kind: 'UNCONFIRMED',
      reason: UNCONFIRMED_REASON,
    };
  }
  if (notice.attempts > maxAttempts) {
    const error = 'sending was interrupted (the worker stopped before the answer was recorded)';
    return giveUp(notice, notice.attempts - 1, error);
  }
  return undefined;
}

/**
 * What the channel's answer makes of a notice. Accepted: SENT. Refused for good: FAILED (REJECTED).
 * A passing failure: back to QUEUED, due again after the same exponential back-off as a job's retry
 * (1 s, 2 s, 4 s…), until the last of `maxAttempts` tries: then FAILED (GAVE_UP) with the last error.
 */
export function recordAnswer(notice: ClaimedNotice, answer: SendResult, maxAttempts: number): DeliveryRecord {
  const { id, attempts } = notice;
  switch (answer.outcome) {
    case 'sent':
      return { id, attempts, status: 'SENT', providerMessageId: answer.providerMessageId ?? null };
    case 'rejected':
      return { id, attempts, status: 'FAILED', kind: 'REJECTED', reason: answer.reason };
    case 'temporary':
      return attempts >= maxAttempts
        ? giveUp(notice, attempts, answer.reason)
        : { id, attempts, status: 'QUEUED', error: answer.reason, retryInMs: backoffAfter(attempts) };
  }
}

function giveUp(notice: ClaimedNotice, tries: number, error: string): DeliveryRecord {
  return {
    id: notice.id,
    attempts: notice.attempts,
    status: 'FAILED',
    kind: 'GAVE_UP',
    reason: `Not delivered after ${tries} attempts: ${error}`,
    error,
  };
}
