import { cpus, loadavg, totalmem } from 'node:os';
import Redis from 'ioredis';
import { withClient } from '../database/admin';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  postgresSettings: Record<string, string>;
  redis: string;
  redisMaxmemoryPolicy: string;
  /** 1-minute load average when the bench started: other people's work on the same cores. */
  loadAverageAtStart: number;
}

/** What the figures were measured on. */
export async function machineInfo(adminUrl: string, redisUrl: string): Promise<MachineInfo> {
  const { version, settings } = await withClient(adminUrl, async (c) => {
    const v = (await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v;
    const { rows } = await c.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)`,
      [['shared_buffers', 'synchronous_commit', 'max_connections', 'work_mem', 'shared_preload_libraries']],
    );
    return {
      version: v,
      settings: Object.fromEntries(rows.map((r) => [r.name, `${r.setting}${r.unit ? ` ${r.unit}` : ''}`])),
    };
  });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
  await redis.connect();
  let redisVersion = 'unknown';
  let policy = 'unknown';
  try {
    redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
    policy = /maxmemory_policy:(\S+)/.exec(await redis.info('memory'))?.[1] ?? 'unknown';
  } finally {
    redis.disconnect();
  }
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    postgres: version,
    postgresSettings: settings,
    redis: redisVersion,
    redisMaxmemoryPolicy: policy,
    loadAverageAtStart: Math.round(loadavg()[0] * 100) / 100,
  };
}
