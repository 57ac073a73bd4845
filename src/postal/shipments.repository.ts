import type { ChainHead } from '../audit/audit-chain-heads';
import { chainHeadColumns, ChainHeadColumns, knownHead } from '../audit/known-head';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateReturning } from '../database/update-returning';
import type { NewShipment } from './new-shipment';
import { Shipment, SHIPMENT_COLUMNS, ShipmentRow, toShipment } from './shipment';
import type { ShipmentStatus } from './shipment-lifecycle';

/** The progress an event makes, written back in one statement. */
export interface ShipmentProgress {
  status: ShipmentStatus;
  lastEventAt: Date | null;
  failedAttempts: number;
  deliveredAt?: Date;
  returnedAt?: Date;
}

/** Shipments in Postgres. Every method takes the caller's transaction. */
@Injectable()
export class ShipmentsRepository {
  async findByApplication(tx: EntityManager, applicationId: string): Promise<Shipment | null> {
    return (await this.findByApplications(tx, [applicationId])).get(applicationId.toLowerCase()) ?? null;
  }

  /** The applications' shipments, by application id. */
  async findByApplications(tx: EntityManager, applicationIds: string[]): Promise<Map<string, Shipment>> {
    if (applicationIds.length === 0) return new Map();
    const rows = await tx.query<ShipmentRow[]>(
      `SELECT ${SHIPMENT_COLUMNS} FROM shipments s WHERE s.application_id = ANY($1::uuid[])`,
      [applicationIds],
    );
    return new Map(rows.map((r) => [r.application_id, toShipment(r)]));
  }

  /** The next `count` S10 serials; the sequence refuses to wrap once the 8 digits run out. */
  async nextSerials(tx: EntityManager, count: number): Promise<number[]> {
    const rows = await tx.query<{ serial: string }[]>(
      `SELECT nextval('shipment_serial_seq') AS serial FROM generate_series(1, $1::int)`,
      [count],
    );
    return rows.map((r) => Number(r.serial));
  }

  /**
   * Inserts the shipments, each unless its application already has one; answers the ones stored, by
   * application id (a missing one: the caller re-reads the shipment that won).
   */
  async insertIfAbsent(
    tx: EntityManager,
    shipments: { shipment: NewShipment; trackingNumber: string }[],
    status: ShipmentStatus,
  ): Promise<Map<string, Shipment>> {
    const rows = await tx.query<ShipmentRow[]>(
      `INSERT INTO shipments AS s (tracking_number, application_id, recipient_name, recipient_phone, recipient_street,
         recipient_commune, recipient_province_code, contents, cash_on_delivery, origin_office, status)
       SELECT r.tracking_number, r.application_id, r.recipient_name, r.recipient_phone, r.recipient_street,
              r.recipient_commune, r.recipient_province_code, r.contents, r.cash_on_delivery, r.origin_office, $2
       FROM jsonb_to_recordset($1::jsonb) AS r(tracking_number text, application_id uuid, recipient_name text,
              recipient_phone text, recipient_street text, recipient_commune text, recipient_province_code text,
              contents text, cash_on_delivery int, origin_office text)
       ON CONFLICT (application_id) DO NOTHING
       RETURNING ${SHIPMENT_COLUMNS}`,
      [
        JSON.stringify(
          shipments.map(({ shipment: s, trackingNumber }) => ({
            tracking_number: trackingNumber,
            application_id: s.applicationId,
            recipient_name: s.recipient.name.trim(),
            recipient_phone: s.recipient.phone,
            recipient_street: s.recipient.street.trim(),
            recipient_commune: s.recipient.commune.trim(),
            recipient_province_code: s.recipient.provinceCode,
            contents: s.contents,
            cash_on_delivery: s.cashOnDelivery,
            origin_office: s.originOffice,
          })),
        ),
        status,
      ],
    );
    return new Map(rows.map((r) => [r.application_id, toShipment(r)]));
  }

  /**
   * Leases up to `limit` shipments from the pool (READY, or LEASED with the lease run out), oldest
   * first. SKIP LOCKED: concurrent claims pass over each other's rows instead of waiting for them, so
   * no two claims ever get the same shipment.
   */
  async claim(
    tx: EntityManager,
    partnerId: string,
    limit: number,
    leaseSeconds: number,
  ): Promise<(Shipment & { auditHead: ChainHead | null })[]> {
    const rows = await updateReturning<ShipmentRow & ChainHeadColumns>(
      tx,
      `WITH picked AS (
         SELECT id FROM shipments
         WHERE status IN ('READY', 'LEASED') AND (status = 'READY' OR lease_expires_at <= now())
         ORDER BY created_at, id
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       )
       UPDATE shipments s
       SET status = 'LEASED', partner_id = $1, lease_expires_at = now() + make_interval(secs => $3)
       FROM picked WHERE s.id = picked.id
       RETURNING ${SHIPMENT_COLUMNS}, ${chainHeadColumns(`'shipment:' || s.id::text`)}`,
      [partnerId, limit, leaseSeconds],
    );
    return rows
      .map((row) => ({ ...toShipment(row), auditHead: knownHead(row) }))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  }

  /**
   * Locks a shipment for a change (only if it is this partner's, when one is given); also tells whether
   * its lease, if any, still runs.
   */
  async lockByTrackingNumber(
    tx: EntityManager,
    trackingNumber: string,
    partnerId?: string,
  ): Promise<(Shipment & { leaseRunning: boolean }) | null> {
    const [row] = await tx.query<(ShipmentRow & { lease_running: boolean })[]>(
      `SELECT ${SHIPMENT_COLUMNS}, coalesce(s.lease_expires_at > now(), false) AS lease_running
       FROM shipments s WHERE s.tracking_number = $1 AND ($2::uuid IS NULL OR s.partner_id = $2) FOR UPDATE`,
      [trackingNumber, partnerId ?? null],
    );
    return row ? { ...toShipment(row), leaseRunning: row.lease_running } : null;
  }

  async lockByApplication(tx: EntityManager, applicationId: string): Promise<Shipment | null> {
    const [row] = await tx.query<ShipmentRow[]>(
      `SELECT ${SHIPMENT_COLUMNS} FROM shipments s WHERE s.application_id = $1 FOR UPDATE`,
      [applicationId],
    );
    return row ? toShipment(row) : null;
  }

  async markPickedUp(tx: EntityManager, id: string): Promise<Shipment> {
    const [row] = await updateReturning<ShipmentRow>(
      tx,
      `UPDATE shipments s SET status = 'PICKED_UP', picked_up_at = now(), lease_expires_at = NULL
       WHERE s.id = $1 RETURNING ${SHIPMENT_COLUMNS}`,
      [id],
    );
    return toShipment(row);
  }

  /** This partner's shipments with these tracking numbers, locked in id order, with whether each lease runs. */
  async lockForPickup(
    tx: EntityManager,
    trackingNumbers: string[],
    partnerId: string,
  ): Promise<Map<string, Shipment & { leaseRunning: boolean }>> {
    const rows = await tx.query<(ShipmentRow & { lease_running: boolean })[]>(
      `SELECT ${SHIPMENT_COLUMNS}, coalesce(s.lease_expires_at > now(), false) AS lease_running
       FROM shipments s WHERE s.tracking_number = ANY($1::text[]) AND s.partner_id = $2 ORDER BY s.id FOR UPDATE`,
      [trackingNumbers, partnerId],
    );
    return new Map(rows.map((r) => [r.tracking_number, { ...toShipment(r), leaseRunning: r.lease_running }]));
  }

  async markManyPickedUp(tx: EntityManager, ids: string[]): Promise<Shipment[]> {
    if (ids.length === 0) return [];
    const rows = await updateReturning<ShipmentRow>(
      tx,
      `UPDATE shipments s SET status = 'PICKED_UP', picked_up_at = now(), lease_expires_at = NULL
       WHERE s.id = ANY($1::uuid[]) RETURNING ${SHIPMENT_COLUMNS}`,
      [ids],
    );
    return rows.map(toShipment);
  }

  /** Locks this partner's shipments with these tracking numbers, in id order (two requests never deadlock). */
  async lockByTrackingNumbers(
    tx: EntityManager,
    trackingNumbers: string[],
    partnerId: string,
  ): Promise<Map<string, Shipment>> {
    const rows = await tx.query<ShipmentRow[]>(
      `SELECT ${SHIPMENT_COLUMNS} FROM shipments s
       WHERE s.tracking_number = ANY($1::text[]) AND s.partner_id = $2 ORDER BY s.id FOR UPDATE`,
      [trackingNumbers, partnerId],
    );
    return new Map(rows.map((r) => [r.tracking_number, toShipment(r)]));
  }

  /** Writes the progress of many shipments in one statement. */
  async saveProgress(tx: EntityManager, progress: (ShipmentProgress & { id: string })[]): Promise<void> {
    if (progress.length === 0) return;
    await tx.query(
      `UPDATE shipments s SET status = p.status, last_event_at = p.last_event_at, failed_attempts = p.failed_attempts,
         delivered_at = coalesce(s.delivered_at, p.delivered_at), returned_at = coalesce(s.returned_at, p.returned_at)
       FROM jsonb_to_recordset($1::jsonb) AS p(id uuid, status text, last_event_at timestamptz, failed_attempts int,
         delivered_at timestamptz, returned_at timestamptz)
       WHERE s.id = p.id`,
      [
        JSON.stringify(
          progress.map((p) => ({
            id: p.id,
            status: p.status,
            last_event_at: p.lastEventAt,
            failed_attempts: p.failedAttempts,
            delivered_at: p.deliveredAt ?? null,
            returned_at: p.returnedAt ?? null,
          })),
        ),
      ],
    );
  }
}
