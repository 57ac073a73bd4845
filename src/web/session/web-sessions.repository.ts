import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const hashSessionToken = (token: string): Buffer => createHash('sha256').update(token).digest();

export interface SessionSubject {
  kind: 'citizen' | 'staff';
  id: string;
}

/** A live session: whose, and when it began (checked against the account's sessions_valid_after). */
export interface LiveSession extends SessionSubject {
  createdAt: Date;
}

/** Rows of web_sessions, found by the SHA-256 of the cookie's token (the token itself is never stored). */
@Injectable()
export class WebSessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(token: string, subject: SessionSubject, idleSeconds: number): Promise<void> {
    // Sessions that ended over a day ago are swept as new ones start (the expiry index makes it cheap).
    await this.db.query(`DELETE FROM web_sessions WHERE expires_at < now() - interval '1 day'`);
    await this.db.query(
      `INSERT INTO web_sessions (token_hash, subject_kind, subject_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [hashSessionToken(token), subject.kind, subject.id, idleSeconds],
    );
  }

  /**
   * The live session's subject, its idle expiry pushed forward (at most once a minute, so a page view
   * is not always a write) but never beyond the absolute limit from sign-in.
   */
  async touch(token: string, idleSeconds: number, absoluteSeconds: number): Promise<LiveSession | null> {
    const hash = hashSessionToken(token);
    const [row] = await this.db.query<
      { subject_kind: 'citizen' | 'staff'; subject_id: string; created_at: Date; stale: boolean }[]
    >(
      `SELECT subject_kind, subject_id, created_at, last_seen_at < now() - interval '1 minute' AS stale
         FROM web_sessions WHERE token_hash = $1 AND expires_at > now()`,
      [hash],
    );
    if (!row) return null;
    if (row.stale) {
      await this.db.query(
        `UPDATE web_sessions SET last_seen_at = now(),
                expires_at = LEAST(created_at + make_interval(secs => $3), now() + make_interval(secs => $2))
          WHERE token_hash = $1`,
        [hash, idleSeconds, absoluteSeconds],
      );
    }
    return { kind: row.subject_kind, id: row.subject_id, createdAt: row.created_at };
  }

  async delete(token: string): Promise<void> {
    await this.db.query(`DELETE FROM web_sessions WHERE token_hash = $1`, [hashSessionToken(token)]);
  }
}
