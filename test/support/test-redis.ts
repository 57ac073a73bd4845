import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { runId, TEST_REDIS_URL } from './test-services';

export interface TestRedis {
  url: string;
  /** The BullMQ prefix this test owns; every key it makes starts with it. */
  prefix: string;
  /** Deletes every key under the prefix: the test's stand-in for Redis losing everything. */
  clear(): Promise<number>;
}

export function createTestRedis(): TestRedis {
  const prefix = `lrtest:${runId()}:${randomBytes(3).toString('hex')}`;
  return {
    url: TEST_REDIS_URL,
    prefix,
    clear: async () => {
      const client = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
      let deleted = 0;
      try {
        let cursor = '0';
        do {
          const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) deleted += await client.del(...keys);
        } while (cursor !== '0');
      } finally {
        client.disconnect();
      }
      return deleted;
    },
  };
}
