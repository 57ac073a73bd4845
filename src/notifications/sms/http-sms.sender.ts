import type { Environment } from '../../config/environment';
import type { OutgoingNotice, SendResult } from '../notification-sender';
import { gatewayBody } from './gateway-body';
import { gatewayOutcome, gatewayUnreachable } from './gateway-outcome';
import { Semaphore } from './semaphore';
import { gatewayPhone, unaccented } from './sms-text';

/**
 * Sends notices as SMS through a brand-name gateway's JSON-over-HTTPS API: one POST per message, with
 * the notice's id in the body ({id}) and in an Idempotency-Key header, so the gateway sends a message
 * it already accepted only once. At most SMS_GATEWAY_CONCURRENCY requests are in flight per process.
 */
export class HttpSmsSender {
  private readonly limit: Semaphore;
  private readonly headers: Record<string, string>;

  constructor(private readonly env: Environment) {
    this.limit = new Semaphore(env.SMS_GATEWAY_CONCURRENCY);
    this.headers = { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' };
    if (env.SMS_GATEWAY_API_KEY)
      this.headers[env.SMS_GATEWAY_API_KEY_HEADER.toLowerCase()] = env.SMS_GATEWAY_API_KEY;
    if (env.SMS_GATEWAY_USER) {
      const basic = Buffer.from(`${env.SMS_GATEWAY_USER}:${env.SMS_GATEWAY_PASSWORD ?? ''}`).toString(
        'base64',
      );
      this.headers.authorization = `Basic ${basic}`;
    }
  }

  async send(notice: OutgoingNotice): Promise<SendResult> {
    const to = gatewayPhone(notice.recipient);
    if (!to) return { outcome: 'rejected', reason: `Not a Vietnamese mobile number: ${notice.recipient}` };
    const text = this.env.SMS_UNACCENTED ? unaccented(notice.body) : notice.body;
    const body = gatewayBody(this.env.SMS_GATEWAY_BODY, {
      from: this.env.SMS_BRANDNAME,
      to,
      text,
      id: notice.id,
    });
    return this.limit.run(async () => {
      try {
        const response = await fetch(this.env.SMS_GATEWAY_URL!, {
          method: 'POST',
          headers: { ...this.headers, 'idempotency-key': notice.id },
          body,
          signal: AbortSignal.timeout(this.env.SMS_GATEWAY_TIMEOUT_MS),
        });
        return gatewayOutcome(response.status, await response.text());
      } catch (error) {
        return gatewayUnreachable(error);
      }
    });
  }
}
