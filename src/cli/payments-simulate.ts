import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { loadEnvironment } from '../config/environment';
import { simulatedCallback } from '../payments/payment-simulator';

const USAGE = `usage: npm run payments:simulate -- --payment PAYMENT_ID [--status PAID|FAILED] [--url http://localhost:3000]

Acts as the payment provider: looks the payment up, signs a callback with PAYMENT_CALLBACK_SECRET exactly
as the provider does (hex HMAC-SHA256 of the raw body in X-Signature) and POSTs it to the service.`;

/** npm run payments:simulate — the payment provider, for local runs and demos. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      payment: { type: 'string' },
      status: { type: 'string', default: 'PAID' },
      url: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.payment || (values.status !== 'PAID' && values.status !== 'FAILED')) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const env = loadEnvironment();
  const client = new Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  let payment: { id: string; amount: number } | undefined;
  try {
    payment = (
      await client.query<{ id: string; amount: number }>(`SELECT id, amount FROM payments WHERE id = $1`, [
        values.payment,
      ])
    ).rows[0];
  } finally {
    await client.end();
  }
  if (!payment) {
    console.error(`No payment ${values.payment} in the database.`);
    process.exit(1);
  }
  const callback = simulatedCallback(env.PAYMENT_CALLBACK_SECRET, payment, values.status, new Date());
  const base = values.url ?? env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT}`;
  const response = await fetch(`${base}/api/v1/payments/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': callback.signature },
    body: callback.rawBody,
  });
  console.log(`${response.status} ${await response.text()}`);
  if (!response.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
