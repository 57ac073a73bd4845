import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptions, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ApiEnum } from '../openapi/api-fields';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { RedisHealthIndicator } from './redis-health.indicator';

class LiveDto {
  @ApiEnum(['ok']) status!: 'ok';
}

const UP = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['up'] } },
  required: ['status'],
};
const DEPENDENCIES = {
  type: 'object',
  properties: { postgres: UP, redis: UP },
  required: ['postgres', 'redis'],
} as ApiPropertyOptions;

/** What @nestjs/terminus answers when every dependency is up. */
class ReadyDto {
  @ApiEnum(['ok']) status!: 'ok';
  @ApiProperty(DEPENDENCIES) info!: object;
  @ApiProperty({ type: 'object', maxProperties: 0 } as ApiPropertyOptions) error!: object;
  @ApiProperty(DEPENDENCIES) details!: object;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  @ApiOkResponse({ type: LiveDto })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Postgres and Redis are each reachable; a 503 names which one is down. */
  @Get('ready')
  @ApiOperation({ summary: 'Postgres and Redis are reachable (a 503 problem names which is not)' })
  @ApiOkResponse({ type: ReadyDto })
  @ApiProblems({ status: 503, description: 'Postgres or Redis is down: `checks` says which.' })
  @HealthCheck({ swaggerDocumentation: false })
  ready() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 1500 }),
      () => this.redis.isHealthy('redis'),
    ]);
  }
}
