import type { SendResult } from '../notification-sender';

/** The fields nodemailer puts on the errors it throws. */
interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * What a failed SMTP send means for the notice. A 5xx reply (mailbox unknown, address refused) will
 * not change by trying again: the notice is rejected. Everything else — 4xx replies (greylisting, a
 * full queue), refused or dropped connections, time-outs, TLS trouble — is tried again later.
 */
export function smtpFailure(error: unknown): SendResult {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  const said = (e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').trim().slice(0, 300);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600)
    return {
      outcome: 'rejected',
      reason: `The mail server refused the message (${e.responseCode}): ${said}`,
    };
  if (e.code === 'EENVELOPE' && e.responseCode === undefined)
    return { outcome: 'rejected', reason: `The e-mail address cannot be used: ${said}` };
  return { outcome: 'temporary', reason: `${e.code ?? 'SMTP'}: ${said}` };
}
