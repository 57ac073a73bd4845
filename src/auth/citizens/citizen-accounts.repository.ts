import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CitizenAccount } from './citizen-account.entity';

/** Citizen account rows; the password hash is read only where a password is checked. */
@Injectable()
export class CitizenAccountsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByNationalId(nationalId: string): Promise<CitizenAccount | null> {
    return this.db.getRepository(CitizenAccount).findOne({ where: { nationalId } });
  }

  /** With the password hash, for sign-in. */
  findWithPasswordByNationalId(nationalId: string): Promise<CitizenAccount | null> {
    return this.db
      .getRepository(CitizenAccount)
      .createQueryBuilder('c')
      .addSelect('c.passwordHash')
      .where('c.nationalId = :nationalId', { nationalId })
      .getOne();
  }
}
