import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerAddress } from 'smtp-server';

/** A message as it arrived at the test's SMTP server, parsed. */
export interface CaughtMail {
  envelopeTo: string[];
  messageId: string | undefined;
  from: string | undefined;
  to: string | undefined;
  subject: string | undefined;
  html: string | false | undefined;
  text: string | undefined;
  contentType: string | undefined;
}

/**
 * A real SMTP server in the test process (smtp-server, no TLS): it accepts what nodemailer sends, parses
 * each message with mailparser and keeps it. `refuse` names recipients it answers 550; `onMessage` runs
 * after a message was received and before the server says it is accepted.
 */
export class MailCatcher {
  readonly messages: CaughtMail[] = [];
  readonly refuse = new Set<string>();
  onMessage?: (mail: CaughtMail) => Promise<void> | void;
  private server?: SMTPServer;

  constructor(public port = 0) {}

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      closeTimeout: 200,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        if (!this.refuse.has(address.address)) return callback();
        const error = new Error(
          `5.1.1 <${address.address}>: Recipient address rejected: User unknown`,
        ) as Error & {
          responseCode: number;
        };
        error.responseCode = 550;
        callback(error);
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (parsed) => {
            const mail: CaughtMail = {
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              messageId: parsed.messageId,
              from: parsed.from?.text,
              to: Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : parsed.to?.text,
              subject: parsed.subject,
              html: parsed.html,
              text: parsed.text,
              contentType: parsed.headers.get('content-type')
                ? JSON.stringify(parsed.headers.get('content-type'))
                : undefined,
            };
            this.messages.push(mail);
            await this.onMessage?.(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      this.server!.server.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Stops listening (clients then get "connection refused"); start() again on the same port later. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
