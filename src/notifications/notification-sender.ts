import type { NoticeLanguage } from './notification-templates';

export type NoticeChannel = 'EMAIL' | 'SMS';

/** One notice as a channel sends it. */
export interface OutgoingNotice {
  /** The notification's id: the idempotency key the channel is given (Message-ID, gateway request id). */
  id: string;
  channel: NoticeChannel;
  recipient: string;
  subject: string | null;
  /** The plain text, already in the citizen's language. */
  body: string;
  language: NoticeLanguage;
  template: string;
  applicationId: string | null;
  /** The application's reference, when the notice is about one. */
  reference: string | null;
  params: Record<string, string | number>;
}

/**
 * What the channel said. A temporary failure is tried again later (BullMQ back-off); a rejection is final
 * and shown to staff on the case.
 */
export type SendResult =
  | { outcome: 'sent'; providerMessageId?: string }
  | { outcome: 'rejected'; reason: string }
  | { outcome: 'temporary'; reason: string };

/** A channel that delivers a notice: SMS gateway, e-mail server. */
export interface NotificationSender {
  send(notice: OutgoingNotice): Promise<SendResult>;
  /**
   * Whether sending a notice again with the same id is delivered once. Decides what happens to a notice
   * left SENDING by a worker that stopped after handing it over and before recording that.
   */
  dedupesById(channel: NoticeChannel): boolean;
  /** Releases connections (the SMTP pool) on shutdown. */
  close?(): Promise<void>;
}

export const NOTIFICATION_SENDER = Symbol('NOTIFICATION_SENDER');

/**
 * The local default: delivery is recording. The notifications table is the record of messages that the
 * web page shows and tests read; set NOTIFY_EMAIL_TRANSPORT / NOTIFY_SMS_TRANSPORT to really send.
 */
export class RecordingNotificationSender implements NotificationSender {
  async send(): Promise<SendResult> {
    // Nothing leaves the system: the row itself, marked SENT, is the delivered message.
    return { outcome: 'sent' };
  }

  dedupesById(): boolean {
    return true;
  }
}
