import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MetricsRegistry } from './metrics-registry';
import { MetricsTokenGuard } from './metrics-token.guard';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get()
  @UseGuards(MetricsTokenGuard)
  @ApiProduces('text/plain')
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
