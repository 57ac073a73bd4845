import { Client } from 'pg';
import { seedDemo } from '../../src/seed/demo';
import { createTestDatabase } from './test-database';
import { startTestApp, TestApp } from './test-app';

/** The real app on a fresh database loaded with the demo data set; close() drops the database too. */
export async function startDemoApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    await seedDemo(client, new Date());
  } finally {
    await client.end();
  }
  const t = await startTestApp({ role: 'all', db, env });
  const closeApp = t.close;
  t.close = async () => {
    await closeApp();
    await db.drop();
  };
  return t;
}
