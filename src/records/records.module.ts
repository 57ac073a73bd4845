import { Module } from '@nestjs/common';
import { ProvincesController } from './provinces.controller';
import { ProvincesRepository } from './provinces.repository';

@Module({
  controllers: [ProvincesController],
  providers: [ProvincesRepository],
  exports: [ProvincesRepository],
})
export class RecordsModule {}
