import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../audit/audit-log';
import { LOCKOUT } from './login-limits';

export type AccountKind = 'citizen' | 'staff';

const TABLES: Record<AccountKind, string> = { citizen: 'citizens', staff: 'staff_accounts' };
const SUBJECT_TYPES: Record<AccountKind, string> = { citizen: 'citizen', staff: 'staff_account' };

/** Consecutive wrong passwords per account, and the lockout they lead to; kept in Postgres. */
@Injectable()
export class LoginFailures {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Counts one more wrong password. The failure that reaches the limit locks the account and resets the
   * count, so after the lock ends the person has the full number of tries again. Returns the end of the
   * lock when this failure caused it, else null.
   */
  async recordFailure(kind: AccountKind, accountId: string, ip: string): Promise<Date | null> {
    return this.db.transaction(async (tx) => {
      const [rows] = await tx.query<[{ failed_logins: number; locked_until: Date | null }[], number]>(
        `UPDATE ${TABLES[kind]} SET
           failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3)
                               ELSE locked_until END
         WHERE id = $1
         RETURNING failed_logins, locked_until`,
        [accountId, LOCKOUT.failures, LOCKOUT.seconds],
      );
      const row = rows[0];
      if (!row || row.failed_logins !== 0 || !row.locked_until) return null;
      await this.audit.record(tx, {
        actor: { kind, id: accountId, ip },
        action: 'ACCOUNT_LOCKED',
        subjectType: SUBJECT_TYPES[kind],
        subjectId: accountId,
        reason: `${LOCKOUT.failures} consecutive wrong passwords`,
        data: { lockedUntil: row.locked_until.toISOString() },
      });
      return row.locked_until;
    });
  }

  /** After a correct password: the count starts again (written only when there is something to clear). */
  async clearFailures(kind: AccountKind, accountId: string): Promise<void> {
    await this.db.query(
      `UPDATE ${TABLES[kind]} SET failed_logins = 0, locked_until = NULL
        WHERE id = $1 AND (failed_logins > 0 OR locked_until IS NOT NULL)`,
      [accountId],
    );
  }
}
