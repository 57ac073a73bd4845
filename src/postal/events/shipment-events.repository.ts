import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { EventToStore } from './shipment-run';

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

  /** Stores the events in one statement; answers how many were stored (the others' ids were taken meanwhile). */
  async insertMany(tx: EntityManager, partnerId: string, events: EventToStore[]): Promise<number> {
    if (events.length === 0) return 0;
    const rows = await tx.query<unknown[]>(
      `INSERT INTO shipment_events (partner_id, event_id, shipment_id, type, occurred_at, detail, effect)
       SELECT $1, e.event_id, e.shipment_id, e.type, e.occurred_at, e.detail, e.effect
       FROM jsonb_to_recordset($2::jsonb)
         AS e(event_id text, shipment_id uuid, type text, occurred_at timestamptz, detail text, effect text)
       ON CONFLICT (partner_id, event_id) DO NOTHING RETURNING 1`,
      [
        partnerId,
        JSON.stringify(
          events.map((e) => ({
            event_id: e.event.eventId,
            shipment_id: e.shipmentId,
            type: e.event.type,
            occurred_at: e.event.occurredAt.toISOString(),
            detail: e.event.detail,
            effect: e.effect,
          })),
        ),
      ],
    );
    return rows.length;
  }
}
