import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { IsDateOrDateTime, IsStrictUuid } from '../common/input/format-validators';
import { isBigintId } from '../common/input/strict-formats';
import { DomainError } from '../common/errors/domain-error';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Entries about this application' })
  @IsOptional()
  @IsStrictUuid({ message: 'applicationId must be an application id (a UUID)' })
  applicationId?: string;

  @ApiPropertyOptional({
    description: 'Entries by this actor: a staff or citizen id, a partner id, or "system"',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'actor must be at most 100 characters' })
  actor?: string;

  @ApiPropertyOptional({ example: 'APPROVE', description: 'Only this action' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/, { message: 'action must be an action name such as APPROVE or CLAIM' })
  action?: string;

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00+07:00', description: 'At or after this time' })
  @IsOptional()
  @IsDateOrDateTime({ message: 'from must be a date (YYYY-MM-DD) or an ISO 8601 date-time with its zone' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31T23:59:59+07:00', description: 'At or before this time' })
  @IsOptional()
  @IsDateOrDateTime({ message: 'to must be a date (YYYY-MM-DD) or an ISO 8601 date-time with its zone' })
  to?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(200, { message: 'limit may be at most 200' })
  limit?: number;
}

/** One audit entry, every column of it (the hashes in hex, for checking against audit:verify). */
export interface AuditItem {
  id: string;
  occurredAt: string;
  actor: { kind: string; id: string | null; role: string | null; ip: string | null; username: string | null };
  action: string;
  subject: { type: string; id: string };
  applicationId: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  data: unknown;
  chain: string;
  chainSeq: number;
  prevHash: string | null;
  hash: string;
}

interface AuditRow {
  id: string;
  chain: string;
  chain_seq: number;
  occurred_at: Date;
  actor_kind: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_ip: string | null;
  username: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  application_id: string | null;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  data: unknown;
  prev_hash: Buffer | null;
  hash: Buffer;
}

const badField = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', `${field}: ${message}`, { errors: [{ field, message }] });

/** The auditors' view of the log: every entry by anyone, newest first, keyset-paginated by id. */
@Injectable()
export class AuditQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(q: AuditQueryDto): Promise<{ items: AuditItem[]; nextCursor: string | null }> {
    const limit = q.limit ?? 50;
    const from = q.from ? new Date(q.from) : undefined;
    const to = q.to ? new Date(q.to) : undefined;
    if (from && to && from > to) throw badField('to', 'to must not be before from');
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.applicationId) add((p) => `application_id = ${p}::uuid`, q.applicationId);
    if (q.actor) add((p) => `actor_id = ${p}`, q.actor);
    if (q.action) add((p) => `action = ${p}`, q.action);
    if (from) add((p) => `occurred_at >= ${p}::timestamptz`, from.toISOString());
    if (to) add((p) => `occurred_at <= ${p}::timestamptz`, to.toISOString());
    const after = decodeCursor(q.cursor, { id: isBigintId });
    if (after) {
      add((p) => `id < ${p}::bigint`, after.id);
    }
    params.push(limit + 1);
    const rows = await this.db.query<AuditRow[]>(
      `SELECT e.*, s.username
       FROM (
         SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY id DESC LIMIT $${params.length}
       ) e
       LEFT JOIN staff_accounts s ON e.actor_kind = 'staff' AND s.id::text = e.actor_id
       ORDER BY e.id DESC`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toItem),
      nextCursor: rows.length > limit && last ? encodeCursor({ id: String(last.id) }) : null,
    };
  }
}

function toItem(r: AuditRow): AuditItem {
  return {
    id: String(r.id),
    occurredAt: r.occurred_at.toISOString(),
    actor: { kind: r.actor_kind, id: r.actor_id, role: r.actor_role, ip: r.actor_ip, username: r.username },
    action: r.action,
    subject: { type: r.subject_type, id: r.subject_id },
    applicationId: r.application_id,
    fromState: r.from_state,
    toState: r.to_state,
    reason: r.reason,
    data: r.data,
    chain: r.chain,
    chainSeq: r.chain_seq,
    prevHash: r.prev_hash ? r.prev_hash.toString('hex') : null,
    hash: r.hash.toString('hex'),
  };
}
