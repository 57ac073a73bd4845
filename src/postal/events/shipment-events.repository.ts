import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ParsedEvent } from './event-input';

/** What identifies an event already stored, to tell a resend from a reused id. */
export interface StoredEventKey {
  shipmentId: string;
  type: string;
  occurredAt: Date;
}

/** The events partners reported, one row per (partner, eventId). */
@Injectable()
export class ShipmentEventsRepository {
  async findByIds(
    tx: EntityManager,
    partnerId: string,
    eventIds: string[],
  ): Promise<Map<string, StoredEventKey>> {
    const rows = await tx.query<{ event_id: string; shipment_id: string; type: string; occurred_at: Date }[]>(
      `SELECT event_id, shipment_id, type, occurred_at FROM shipment_events WHERE partner_id = $1 AND event_id = ANY($2::text[])`,
      [partnerId, eventIds],
    );
    return new Map(
      rows.map((r) => [r.event_id, { shipmentId: r.shipment_id, type: r.type, occurredAt: r.occurred_at }]),
    );
  }

  /** Stores the event; false when its id was stored meanwhile (by a concurrent batch). */
  async insert(
    tx: EntityManager,
    e: { partnerId: string; shipmentId: string; event: ParsedEvent; effect: 'MOVED' | 'LATE' },
  ): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `INSERT INTO shipment_events (partner_id, event_id, shipment_id, type, occurred_at, detail, effect)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (partner_id, event_id) DO NOTHING RETURNING 1`,
      [
        e.partnerId,
        e.event.eventId,
        e.shipmentId,
        e.event.type,
        e.event.occurredAt,
        e.event.detail,
        e.effect,
      ],
    );
    return rows.length > 0;
  }
}
