import { Client } from 'pg';

/** A URL to another database on the same server, optionally as another role (trust auth, no password). */
export function databaseUrl(adminUrl: string, database: string, user?: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user;
    url.password = '';
  }
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'licence-renewal-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`));
}

/** A fresh copy of the template: every stage starts from the same seeded state. */
export async function cloneDatabase(adminUrl: string, template: string, name: string): Promise<void> {
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${quoted(name)} TEMPLATE ${quoted(template)}`);
  });
}

export async function createEmptyDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${quoted(name)}`);
  });
}

/** The JSON the bench keeps in a template's COMMENT, to know whether it can be reused. */
export async function readDatabaseComment(adminUrl: string, name: string): Promise<unknown> {
  return withClient(adminUrl, async (c) => {
    const { rows } = await c.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    );
    if (!rows[0]?.comment) return null;
    try {
      return JSON.parse(rows[0].comment) as unknown;
    } catch {
      return null;
    }
  });
}

export async function writeDatabaseComment(adminUrl: string, name: string, value: unknown): Promise<void> {
  await withClient(adminUrl, async (c) => {
    const { rows } = await c.query<{ literal: string }>(`SELECT quote_literal($1::text) AS literal`, [
      JSON.stringify(value),
    ]);
    await c.query(`COMMENT ON DATABASE ${quoted(name)} IS ${rows[0].literal}`);
  });
}
