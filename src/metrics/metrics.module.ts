import { Module } from '@nestjs/common';
import { StatsModule } from '../stats/stats.module';
import { HttpMetricsHook } from './http-metrics.hook';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';
import { ScrapeGauges } from './scrape-gauges';

/**
 * GET /metrics, the HTTP hook and the scrape-time gauges: api role only. A worker-only process serves
 * no HTTP, so its job-duration histogram is not exposed (see README, "Statistics and metrics").
 */
@Module({
  imports: [StatsModule],
  controllers: [MetricsController],
  providers: [HttpMetricsHook, ScrapeGauges, MetricsTokenGuard],
})
export class MetricsModule {}
