import type { Environment } from '../config/environment';
import { SmtpEmailSender } from './email/smtp-email.sender';
import {
  NoticeChannel,
  NotificationSender,
  OutgoingNotice,
  RecordingNotificationSender,
  SendResult,
} from './notification-sender';
import { HttpSmsSender } from './sms/http-sms.sender';

interface ChannelSender {
  send(notice: OutgoingNotice): Promise<SendResult>;
  close?(): Promise<void>;
}

/**
 * The sender the worker uses: each channel goes to the transport chosen for it (NOTIFY_EMAIL_TRANSPORT,
 * NOTIFY_SMS_TRANSPORT), recording by default.
 *
 * Whether a channel may be sent to again after an interrupted attempt: the SMS gateway receives the
 * notice's id as its idempotency key and sends an accepted message once, so it may; an SMTP server
 * cannot tell a second copy from a new message, so an interrupted e-mail is not sent again (see the
 * processor).
 */
export class ChannelRouter implements NotificationSender {
  private readonly senders: Record<NoticeChannel, ChannelSender>;
  private readonly dedupes: Record<NoticeChannel, boolean>;

  constructor(env: Environment) {
    const recording = new RecordingNotificationSender();
    this.senders = {
      EMAIL: env.NOTIFY_EMAIL_TRANSPORT === 'smtp' ? new SmtpEmailSender(env) : recording,
      SMS: env.NOTIFY_SMS_TRANSPORT === 'http' ? new HttpSmsSender(env) : recording,
    };
    this.dedupes = { EMAIL: env.NOTIFY_EMAIL_TRANSPORT !== 'smtp', SMS: true };
  }

  send(notice: OutgoingNotice): Promise<SendResult> {
    return this.senders[notice.channel].send(notice);
  }

  dedupesById(channel: NoticeChannel): boolean {
    return this.dedupes[channel];
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.senders).map((s) => s.close?.() ?? Promise.resolve()));
  }
}
