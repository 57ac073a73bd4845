import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayRequest {
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/**
 * A brand-name SMS gateway on loopback (node:http), as the test wants it to behave: `answers` are the
 * statuses of the next requests in turn (200 once they run out). A request whose Idempotency-Key was
 * accepted before is answered 200 with the same message id and not delivered again, as real gateways
 * do with their client reference. `onRequest` runs before the answer (to kill a worker mid-send).
 */
export class SmsGateway {
  readonly requests: GatewayRequest[] = [];
  /** Messages the gateway accepted and would hand to the operator: once per idempotency key. */
  readonly delivered: GatewayRequest[] = [];
  readonly answers: number[] = [];
  onRequest?: (request: GatewayRequest) => Promise<void> | void;
  private readonly accepted = new Map<string, string>();
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms/send`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: GatewayRequest = {
      headers: req.headers,
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    };
    this.requests.push(request);
    await this.onRequest?.(request);
    const key = String(req.headers['idempotency-key'] ?? '');
    const known = this.accepted.get(key);
    if (known) return this.reply(res, 200, { status: 'ACCEPTED', messageId: known, duplicate: true });
    const status = this.answers.shift() ?? 200;
    if (status !== 200)
      return this.reply(res, status, {
        error: status >= 500 ? 'Service unavailable' : 'Invalid phone number',
      });
    const messageId = `gw-${this.delivered.length + 1}`;
    this.accepted.set(key, messageId);
    this.delivered.push(request);
    this.reply(res, 200, { status: 'ACCEPTED', messageId });
  }

  private reply(res: ServerResponse, status: number, body: object): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}
