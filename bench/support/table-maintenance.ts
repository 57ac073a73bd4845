import { Client } from 'pg';

export interface MaintenanceCounts {
  analyzed: number;
  vacuumed: number;
  /** Whether the server's own autovacuum was on (then this stays idle). */
  serverAutovacuum: boolean;
}

/**
 * Autovacuum's default rules, applied by the bench to its own stage database when the server runs with
 * `autovacuum = off` (the shared server here does): ANALYZE a table once 50 + 10 % of its rows changed,
 * VACUUM it once 50 + 20 % are dead. Without this, the plans made while the working tables were empty
 * (sequential scans, cached for the life of each pooled connection) are used for the whole run, and
 * every deleted outbox row stays in the way — neither of which a production server would do.
 */
export class TableMaintenance {
  readonly counts: MaintenanceCounts = { analyzed: 0, vacuumed: 0, serverAutovacuum: false };
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly client: Client;

  constructor(
    url: string,
    private readonly log: (line: string) => void,
  ) {
    this.client = new Client({
      connectionString: url,
      application_name: 'licence-renewal-bench-maintenance',
    });
    this.client.on('error', (error) => log(`maintenance connection: ${error.message}`));
  }

  async start(everyMs = 10_000): Promise<void> {
    await this.client.connect();
    const { rows } = await this.client.query<{ on: string }>(`SELECT current_setting('autovacuum') AS on`);
    this.counts.serverAutovacuum = rows[0].on === 'on';
    if (this.counts.serverAutovacuum) return;
    const tick = () => {
      this.running = this.pass()
        .catch((error: unknown) => this.log(`maintenance: ${(error as Error).message}`))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, everyMs);
        });
    };
    this.timer = setTimeout(tick, 1000);
  }

  private async pass(): Promise<void> {
    const { rows } = await this.client.query<{ relname: string; analyze: boolean; vacuum: boolean }>(
      `SELECT relname,
              n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0) AS analyze,
              n_dead_tup > 50 + 0.2 * greatest(n_live_tup, 0) AS vacuum
       FROM pg_stat_user_tables
       WHERE n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0) OR n_dead_tup > 50 + 0.2 * greatest(n_live_tup, 0)`,
    );
    for (const r of rows) {
      const table = `"${r.relname.replace(/"/g, '""')}"`;
      if (r.vacuum) {
        await this.client.query(`VACUUM (ANALYZE) ${table}`);
        this.counts.vacuumed++;
        this.counts.analyzed++;
      } else if (r.analyze) {
        await this.client.query(`ANALYZE ${table}`);
        this.counts.analyzed++;
      }
    }
  }

  async stop(): Promise<void> {
    const timer = this.timer;
    this.timer = undefined;
    clearTimeout(timer);
    await this.running;
    await this.client.end();
  }
}
