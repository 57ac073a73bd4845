import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { StaffAccount } from './staff-account.entity';

/** Staff account rows, in a stable order for paging: lower(username), which is unique. */
@Injectable()
export class StaffAccountsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** With the password hash, for sign-in; usernames match without regard to case. */
  findWithPasswordByUsername(username: string): Promise<StaffAccount | null> {
    return this.db
      .getRepository(StaffAccount)
      .createQueryBuilder('s')
      .addSelect('s.passwordHash')
      .where('lower(s.username) = lower(:username)', { username })
      .getOne();
  }

  findById(id: string, manager: EntityManager = this.db.manager): Promise<StaffAccount | null> {
    return manager.getRepository(StaffAccount).findOne({ where: { id } });
  }

  /** One page after `afterUsername` (exclusive), one row more than asked so the caller knows if more follow. */
  page(afterUsername: string | null, limit: number): Promise<StaffAccount[]> {
    const query = this.db.getRepository(StaffAccount).createQueryBuilder('s');
    if (afterUsername !== null) query.where('lower(s.username) > lower(:after)', { after: afterUsername });
    return query
      .orderBy('lower(s.username)', 'ASC')
      .limit(limit + 1)
      .getMany();
  }

  /**
   * Sets or clears disabled_at; returns the row, or null when the account does not exist. Disabling also
   * moves sessions_valid_after to now: every access token and web session from before is refused for
   * good, and re-enabling (which leaves it) does not bring them back.
   */
  async setDisabled(manager: EntityManager, id: string, disabled: boolean): Promise<StaffAccount | null> {
    await manager.query(
      `UPDATE staff_accounts
          SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END,
              sessions_valid_after = CASE WHEN $2 THEN now() ELSE sessions_valid_after END
        WHERE id = $1`,
      [id, disabled],
    );
    return this.findById(id, manager);
  }
}
