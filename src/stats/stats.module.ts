import { Module } from '@nestjs/common';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

/** The statistics endpoints (api role); the rollup they read is folded by StatsWorkerModule. */
@Module({
  controllers: [StatsController],
  providers: [StatsRepository, StatsService],
  exports: [StatsRepository],
})
export class StatsModule {}
