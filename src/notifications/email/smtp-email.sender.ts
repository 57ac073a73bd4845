import { createTransport } from 'nodemailer';
import type { Environment } from '../../config/environment';
import type { OutgoingNotice, SendResult } from '../notification-sender';
import { EmailRenderer } from './email-renderer';
import { smtpFailure } from './smtp-outcome';

type Transporter = ReturnType<typeof smtpPool>;

/** One pool of SMTP connections per process, shared by every batch: no connection per message. */
function smtpPool(env: Environment) {
  const url = env.SMTP_URL ? new URL(env.SMTP_URL) : null;
  const secure = url ? url.protocol === 'smtps:' : env.SMTP_SECURE;
  const user = url?.username ? decodeURIComponent(url.username) : env.SMTP_USER;
  const pass = url?.password ? decodeURIComponent(url.password) : env.SMTP_PASSWORD;
  return createTransport({
    pool: true,
    maxConnections: env.SMTP_POOL_SIZE,
    host: url ? url.hostname : env.SMTP_HOST,
    port: url ? Number(url.port || (secure ? 465 : 587)) : env.SMTP_PORT,
    secure,
    auth: user ? { user, pass } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

/** The domain of MAIL_FROM's address, for Message-IDs the receiving side can deduplicate on. */
function senderDomain(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}

/**
 * Sends notices by e-mail over SMTP: HTML and plain text in the citizen's language, with the notice's
 * id as Message-ID (the receiving side can fold a copy sent twice into one).
 */
export class SmtpEmailSender {
  private readonly transporter: Transporter;
  private readonly renderer = new EmailRenderer();
  private readonly domain: string;

  constructor(private readonly env: Environment) {
    this.transporter = smtpPool(env);
    this.domain = senderDomain(env.MAIL_FROM);
  }

  async send(notice: OutgoingNotice): Promise<SendResult> {
    const email = this.renderer.render(notice, {
      baseUrl: this.env.PUBLIC_BASE_URL ?? null,
      authority: this.env.LICENSING_AUTHORITY_NAME,
    });
    try {
      const info = await this.transporter.sendMail({
        from: this.env.MAIL_FROM,
        to: notice.recipient,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: `<${notice.id}@${this.domain}>`,
        headers: { 'X-Notice-Id': notice.id },
      });
      return { outcome: 'sent', providerMessageId: info.messageId };
    } catch (error) {
      return smtpFailure(error);
    }
  }

  close(): Promise<void> {
    this.transporter.close();
    return Promise.resolve();
  }
}
