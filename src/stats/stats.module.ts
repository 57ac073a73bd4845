import { Module } from '@nestjs/common';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

/**
 * The statistics endpoints (api role), and their service and repository for other readers (the web
 * pages, /metrics). The rollups they read are folded by StatsWorkerModule.
 */
@Module({
  controllers: [StatsController],
  providers: [StatsRepository, StatsService],
  exports: [StatsRepository, StatsService],
})
export class StatsModule {}
