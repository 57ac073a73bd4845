import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Reads the national driver record a registration is confirmed against. */
@Injectable()
export class DriverMatchRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The record's name when the ID and birth date both match; null otherwise (which one, it does not say). */
  async nameOnRecord(nationalId: string, dateOfBirth: string): Promise<string | null> {
    const [row] = await this.db.query<{ full_name: string }[]>(
      `SELECT full_name FROM drivers WHERE national_id = $1 AND date_of_birth = $2::date`,
      [nationalId, dateOfBirth],
    );
    return row?.full_name ?? null;
  }
}
