import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { Environment } from '../config/environment';
import { redisOptionsFromUrl } from '../queue/redis-options';

/** Pings Redis on a connection of its own that fails fast instead of queueing commands while down. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: Redis;

  constructor(
    env: Environment,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.client = new Redis({
      ...redisOptionsFromUrl(env.REDIS_URL),
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: false,
      connectTimeout: 1000,
    });
    this.client.on('error', () => undefined); // readiness reports it; no log flood while Redis is down
  }

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const pong = await Promise.race([
        this.client.ping(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('timed out after 1000 ms')), 1000).unref(),
        ),
      ]);
      return pong === 'PONG'
        ? indicator.up()
        : indicator.down({ message: `unexpected reply ${String(pong)}` });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
