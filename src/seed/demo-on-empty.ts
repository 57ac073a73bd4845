import { Client } from 'pg';
import { DemoSeedReport, seedDemo } from './demo';
import { countDrivers, SeedRefusedError } from './reference-tables';

/**
 * Loads the demo data set when the drivers table is empty, and otherwise does nothing (returns null).
 * Safe when several processes start at once: seedDemo checks again under a table lock, and a
 * process that loses the race is refused, which here simply means "already loaded".
 */
export async function seedDemoIfEmpty(client: Client, today: Date): Promise<DemoSeedReport | null> {
  if ((await countDrivers(client)) > 0) return null;
  try {
    return await seedDemo(client, today);
  } catch (error) {
    if (error instanceof SeedRefusedError) return null;
    throw error;
  }
}

/**
 * DEMO_SEED_ON_EMPTY at start-up: its own short-lived connection (as the role that runs migrations,
 * which owns the reference tables), one log line when it loads.
 */
export async function loadDemoOnEmpty(
  databaseUrl: string,
  now: Date = new Date(),
): Promise<DemoSeedReport | null> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'licence-renewal-demo-seed' });
  await client.connect();
  try {
    const report = await seedDemoIfEmpty(client, now);
    if (report) console.log(JSON.stringify({ level: 30, msg: 'demo data loaded', ...report }));
    return report;
  } finally {
    await client.end();
  }
}
