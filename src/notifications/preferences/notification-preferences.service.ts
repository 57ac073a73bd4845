import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../audit/audit-log';
import type { AuthUser } from '../../auth/auth-user';
import { DomainError, FieldError, notFound } from '../../common/errors/domain-error';
import type {
  NotificationPreferencesDto,
  UpdateNotificationPreferencesDto,
} from './notification-preferences.dto';

interface PreferencesRow {
  sms: boolean;
  email: boolean;
  emailAddress: string | null;
  language: 'vi' | 'en';
}

/** Problems with a wished-for set of preferences; empty when it can be saved. */
export function preferencesProblems(p: PreferencesRow): FieldError[] {
  const problems: FieldError[] = [];
  if (p.email && !p.emailAddress)
    problems.push({ field: 'emailAddress', message: 'Give an e-mail address to receive notices by e-mail.' });
  if (!p.sms && !p.email)
    problems.push({ field: 'sms', message: 'Keep at least one channel on: SMS or e-mail.' });
  return problems;
}

/**
 * The citizen's choice of notice channels and language. The notifier reads them from the account when a
 * notice is written; a change applies to notices written after it. Every change is audited.
 */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async get(user: AuthUser): Promise<NotificationPreferencesDto> {
    const [row] = await this.db.query<PreferencesRow[]>(
      `SELECT notify_sms AS sms, notify_email AS email, email AS "emailAddress", language FROM citizens WHERE id = $1`,
      [user.id],
    );
    if (!row) throw notFound('Account');
    return row;
  }

  async update(
    user: AuthUser,
    change: UpdateNotificationPreferencesDto,
    ip: string | null,
  ): Promise<NotificationPreferencesDto> {
    return this.db.transaction(async (tx) => {
      const [before] = await tx.query<PreferencesRow[]>(
        `SELECT notify_sms AS sms, notify_email AS email, email AS "emailAddress", language FROM citizens WHERE id = $1 FOR UPDATE`,
        [user.id],
      );
      if (!before) throw notFound('Account');
      const after: PreferencesRow = {
        sms: change.sms ?? before.sms,
        email: change.email ?? before.email,
        emailAddress:
          change.emailAddress === undefined ? before.emailAddress : change.emailAddress?.trim() || null,
        language: change.language ?? before.language,
      };
      const problems = preferencesProblems(after);
      if (problems.length)
        throw new DomainError(
          'VALIDATION_FAILED',
          problems.map((p) => `${p.field}: ${p.message}`).join('; '),
          {
            errors: problems,
          },
        );
      await tx.query(
        `UPDATE citizens SET notify_sms = $2, notify_email = $3, email = $4, language = $5 WHERE id = $1`,
        [user.id, after.sms, after.email, after.emailAddress, after.language],
      );
      await this.audit.record(tx, {
        actor: { kind: 'citizen', id: user.id, role: 'citizen', ip },
        action: 'NOTIFICATION_PREFERENCES',
        subjectType: 'citizen',
        subjectId: user.id,
        data: {
          before: { ...before, emailAddress: before.emailAddress ? 'set' : null },
          after: { ...after, emailAddress: after.emailAddress ? 'set' : null },
          emailAddressChanged: before.emailAddress !== after.emailAddress,
        },
      });
      return after;
    });
  }
}
