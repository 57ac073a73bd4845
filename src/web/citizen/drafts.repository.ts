import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ApplicationDraft } from './application-draft';

/** One application in progress per citizen, in web_drafts. */
@Injectable()
export class DraftsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(citizenId: string): Promise<ApplicationDraft> {
    const [row] = await this.db.query<{ data: ApplicationDraft }[]>(
      `SELECT data FROM web_drafts WHERE citizen_id = $1`,
      [citizenId],
    );
    return row?.data ?? {};
  }

  async save(citizenId: string, draft: ApplicationDraft): Promise<void> {
    await this.db.query(
      `INSERT INTO web_drafts (citizen_id, data) VALUES ($1, $2)
       ON CONFLICT (citizen_id) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
      [citizenId, JSON.stringify(draft)],
    );
  }
}
