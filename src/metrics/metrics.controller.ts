import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { MetricsRegistry } from './metrics-registry';
import { MetricsTokenGuard } from './metrics-token.guard';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get()
  @UseGuards(MetricsTokenGuard)
  @ApiProduces('text/plain')
  @ApiBearerAuth('metrics-token')
  @ApiOkResponse({ description: 'Prometheus text format', schema: { type: 'string', maxLength: 10_000_000 } })
  @ApiProblems({ status: 401, description: 'METRICS_TOKEN is set and was not sent.' })
  @ApiOperation({
    summary: 'Prometheus metrics (Bearer METRICS_TOKEN when set; otherwise bind it privately)',
  })
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const body = await this.metrics.registry.metrics();
    void reply
      .header('content-type', this.metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(body);
  }
}
