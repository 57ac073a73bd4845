import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { isStrictUuid } from '../common/input/strict-formats';
import { PartnerShipmentDto, PartnerShipmentListDto } from './dto/partner-shipment.dto';
import type { PartnerPrincipal } from './partners/partner-api-key.strategy';
import { SHIPMENT_COLUMNS, ShipmentRow, toShipment } from './shipment';
import { EFFECTIVE_STATUS_SQL, ShipmentStatus } from './shipment-lifecycle';

/** A transaction id as Postgres's xid8 holds it: an unsigned 64-bit number. */
const isXid8 = (v: unknown) =>
  typeof v === 'string' && /^(0|[1-9][0-9]{0,19})$/.test(v) && BigInt(v) < 2n ** 64n;

export interface FeedFilter {
  status?: ShipmentStatus;
  updatedSince?: Date;
  cursor?: string;
  limit: number;
}

/**
 * The partner's reconciliation feed: its own shipments in the order they last changed.
 *
 * Pages follow the id of the transaction that last changed each shipment, and stop short of the oldest
 * transaction in this database that is still running. A change that commits late therefore always
 * lands after the cursor (never skipped), and a row that does not change again is never seen twice;
 * a row that changes again reappears once, with its new state. Every non-empty page carries a cursor
 * (keep the last one to resume later: new changes come after it); an empty page means caught up.
 */
@Injectable()
export class ShipmentFeedQuery {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async page(partner: PartnerPrincipal, filter: FeedFilter): Promise<PartnerShipmentListDto> {
    const after = decodeCursor(filter.cursor, { x: isXid8, id: isStrictUuid });
    // Its own statement: the page below then reads with a snapshot taken after every xid under it ended.
    const [{ watermark }] = await this.db.query<{ watermark: string }[]>(
      `SELECT coalesce(
         (SELECT min(x) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
          WHERE x::xid IN (SELECT backend_xid FROM pg_stat_activity
                           WHERE datname = current_database() AND backend_xid IS NOT NULL)),
         pg_snapshot_xmax(pg_current_snapshot()))::text AS watermark`,
    );
    const params: unknown[] = [partner.partnerId, watermark];
    const where = ['s.partner_id = $1', 's.change_xid < $2::xid8'];
    if (after) {
      params.push(after.x, after.id);
      where.push(`(s.change_xid, s.id) > ($${params.length - 1}::xid8, $${params.length}::uuid)`);
    }
    if (filter.updatedSince) {
      params.push(filter.updatedSince);
      where.push(`s.updated_at >= $${params.length}`);
    }
    if (filter.status) {
      params.push(filter.status);
      where.push(`${EFFECTIVE_STATUS_SQL} = $${params.length}`);
    }
    params.push(filter.limit + 1);
    const rows = await this.db.query<(ShipmentRow & { change_xid: string })[]>(
      `SELECT ${SHIPMENT_COLUMNS}, s.change_xid::text AS change_xid FROM shipments s
       WHERE ${where.join(' AND ')}
       ORDER BY s.change_xid, s.id LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    const now = this.clock.now();
    return {
      items: page.map((r) => PartnerShipmentDto.from(toShipment(r), now)),
      nextCursor: last ? encodeCursor({ x: last.change_xid, id: last.id }) : null,
    };
  }
}
