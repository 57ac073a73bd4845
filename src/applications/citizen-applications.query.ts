import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { decodeCursor, encodeCursor } from '../common/cursor';
import type { FormatLanguage } from '../common/format/format';
import { isDateTime, isStrictUuid } from '../common/input/strict-formats';
import { notFound } from '../common/errors/domain-error';
import { ApplicationTimeline, TimelineEntry } from './application-timeline';
import { ApplicationExtras, ApplicationView, toApplicationView } from './application-view';
import { ApplicationRow, ApplicationsRepository } from './applications.repository';
import { issuedLicenceOf } from './issued-licence';

/** The citizen's reads: their own applications only, newest first, with checks and timeline. */
@Injectable()
export class CitizenApplicationsQuery {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly applications: ApplicationsRepository,
    private readonly timelines: ApplicationTimeline,
  ) {}

  async list(
    user: AuthUser,
    limit: number,
    cursor?: string,
    language: FormatLanguage = 'vi',
  ): Promise<{ items: ApplicationView[]; nextCursor: string | null }> {
    const after = decodeCursor(cursor, { createdAt: isDateTime, id: isStrictUuid });
    const rows = await this.applications.listOwn(user.id, limit + 1, after);
    const page = rows.slice(0, limit);
    const items = await Promise.all(page.map((row) => this.view(row, language)));
    const last = page[page.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ createdAt: last.created_at.toISOString(), id: last.id })
          : null,
    };
  }

  /** The citizen's own application; check results in `language`. */
  async get(user: AuthUser, id: string, language: FormatLanguage = 'vi'): Promise<ApplicationView> {
    const row = await this.applications.findOwn(user.id, id);
    if (!row) throw notFound('Application');
    return this.view(row, language);
  }

  async timeline(user: AuthUser, id: string): Promise<{ items: TimelineEntry[] }> {
    const row = await this.applications.findOwn(user.id, id);
    if (!row) throw notFound('Application');
    return { items: await this.timelines.forApplication(id) };
  }

  private async view(row: ApplicationRow, language: FormatLanguage): Promise<ApplicationView> {
    const checks = row.check_run > 0 ? await this.applications.latestChecks(row.id, row.check_run) : [];
    return toApplicationView(row, checks, await this.extras(row.id), language);
  }

  /** Decision, licence and shipment once those stages exist; null before. */
  private async extras(applicationId: string): Promise<ApplicationExtras> {
    const [decision] = await this.db.query<{ action: string; reason: string | null; occurred_at: Date }[]>(
      `SELECT action, reason, occurred_at FROM audit_log
       WHERE application_id = $1 AND action IN ('APPROVE', 'AUTO_APPROVE', 'REJECT', 'CHECKS_FAILED') ORDER BY id DESC LIMIT 1`,
      [applicationId],
    );
    const [shipment] = await this.db.query<{ tracking_number: string; status: string }[]>(
      `SELECT tracking_number, status FROM shipments WHERE application_id = $1`,
      [applicationId],
    );
    const licence = await issuedLicenceOf(this.db.manager, applicationId);
    return {
      licence,
      shipment: shipment ? { trackingNumber: shipment.tracking_number, status: shipment.status } : null,
      decision: decision
        ? {
            outcome: decision.action.includes('APPROVE') ? 'APPROVED' : 'REJECTED',
            // A person's note is shown as written; the system's own reason is the English audit record,
            // and its findings are the checks, which the reader gets in their language.
            reason: decision.action === 'APPROVE' || decision.action === 'REJECT' ? decision.reason : null,
            decidedAt: decision.occurred_at.toISOString(),
          }
        : null,
    };
  }
}
