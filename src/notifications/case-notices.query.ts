import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface CaseNotice {
  id: string;
  channel: 'EMAIL' | 'SMS';
  template: string;
  status: 'QUEUED' | 'SENDING' | 'SENT' | 'FAILED';
  /** The phone or address, so staff can see which one did not work. */
  recipient: string | null;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  failedAt: string | null;
  failureKind: 'REJECTED' | 'GAVE_UP' | 'UNCONFIRMED' | null;
  failureReason: string | null;
  lastError: string | null;
}

/** The notices sent (or not) about one case, for staff: a failed one means the citizen may not know. */
@Injectable()
export class CaseNoticesQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  forCase(applicationId: string): Promise<CaseNotice[]> {
    return this.db.query<CaseNotice[]>(
      `SELECT id, channel, template, status, recipient, attempts, created_at AS "createdAt", sent_at AS "sentAt",
              failed_at AS "failedAt", failure_kind AS "failureKind", failure_reason AS "failureReason",
              last_error AS "lastError"
       FROM notifications WHERE application_id = $1 ORDER BY created_at, channel DESC`,
      [applicationId],
    );
  }
}
