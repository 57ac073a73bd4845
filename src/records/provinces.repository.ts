import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Province } from './province.entity';

@Injectable()
export class ProvincesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(): Promise<Province[]> {
    return this.db.getRepository(Province).find({ order: { code: 'ASC' } });
  }
}
