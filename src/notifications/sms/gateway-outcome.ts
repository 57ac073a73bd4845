import type { SendResult } from '../notification-sender';

/**
 * What the gateway's answer means for the notice: 2xx accepted; 408 and 429 (slow down) and every 5xx
 * tried again later; any other 4xx (a number it will not send to, a refused brand name or body) is final.
 */
export function gatewayOutcome(status: number, body: string): SendResult {
  if (status >= 200 && status < 300) return { outcome: 'sent', providerMessageId: messageIdIn(body) };
  const said = `The SMS gateway answered ${status}: ${body.replace(/\s+/g, ' ').trim().slice(0, 300)}`;
  if (status >= 400 && status < 500 && status !== 408 && status !== 429)
    return { outcome: 'rejected', reason: said };
  return { outcome: 'temporary', reason: said };
}

/** A network error or time-out before any answer: the message may be tried again. */
export function gatewayUnreachable(error: unknown): SendResult {
  const e = error as { name?: string; message?: string; cause?: { code?: string } };
  const what =
    e?.name === 'TimeoutError'
      ? 'did not answer in time'
      : `could not be reached (${e?.cause?.code ?? e?.message ?? String(error)})`;
  return { outcome: 'temporary', reason: `The SMS gateway ${what}` };
}

/** The gateway's own id for the message, where its answer names one under a usual key. */
function messageIdIn(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    for (const key of ['messageId', 'MessageId', 'message_id', 'id', 'SMSID', 'smsId']) {
      const value = parsed?.[key];
      if (typeof value === 'string' || typeof value === 'number') return String(value);
    }
  } catch {
    // Not JSON: the gateway gave no id we can keep.
  }
  return undefined;
}
