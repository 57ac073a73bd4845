/** A channel that delivers a notice: SMS gateway, e-mail server. */
export interface NotificationSender {
  send(notice: {
    channel: 'EMAIL' | 'SMS';
    recipient: string;
    subject: string | null;
    body: string;
  }): Promise<void>;
}

export const NOTIFICATION_SENDER = Symbol('NOTIFICATION_SENDER');

/**
 * The default: delivery is recording. The notifications table is the outbox of messages that the web
 * page shows as "messages" and tests read; a deployment binds a real SMS/e-mail sender instead.
 */
export class RecordingNotificationSender implements NotificationSender {
  async send(): Promise<void> {
    // Nothing leaves the system: the row itself, marked SENT, is the delivered message.
  }
}
