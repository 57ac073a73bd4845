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
    const [row] = await tx.query<ShipmentRow[]>(
      `SELECT ${SHIPMENT_COLUMNS} FROM shipments s WHERE s.application_id = $1`,
      [applicationId],
    );
    return row ? toShipment(row) : null;
  }

  /** The next S10 serial; the sequence refuses to wrap once the 8 digits run out. */
  async nextSerial(tx: EntityManager): Promise<number> {
    const [{ serial }] = await tx.query<{ serial: string }[]>(
      `SELECT nextval('shipment_serial_seq') AS serial`,
    );
    return Number(serial);
  }

  /** Inserts the shipment unless the application already has one (then null: the caller re-reads). */
  async insertIfAbsent(
    tx: EntityManager,
    s: NewShipment,
    trackingNumber: string,
    status: ShipmentStatus,
  ): Promise<Shipment | null> {
    const rows = await tx.query<ShipmentRow[]>(
      `INSERT INTO shipments AS s (tracking_number, application_id, recipient_name, recipient_phone, recipient_street,
         recipient_commune, recipient_province_code, contents, cash_on_delivery, origin_office, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (application_id) DO NOTHING
       RETURNING ${SHIPMENT_COLUMNS}`,
      [
        trackingNumber,
        s.applicationId,
        s.recipient.name.trim(),
        s.recipient.phone,
        s.recipient.street.trim(),
        s.recipient.commune.trim(),
        s.recipient.provinceCode,
        s.contents,
        s.cashOnDelivery,
        s.originOffice,
        status,
      ],
    );
    return rows[0] ? toShipment(rows[0]) : null;
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
  ): Promise<Shipment[]> {
    const rows = await updateReturning<ShipmentRow>(
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
       RETURNING ${SHIPMENT_COLUMNS}`,
      [partnerId, limit, leaseSeconds],
    );
    return rows
      .map(toShipment)
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

  async saveProgress(tx: EntityManager, id: string, p: ShipmentProgress): Promise<void> {
    await tx.query(
      `UPDATE shipments SET status = $2, last_event_at = $3, failed_attempts = $4,
         delivered_at = coalesce(delivered_at, $5), returned_at = coalesce(returned_at, $6)
       WHERE id = $1`,
      [id, p.status, p.lastEventAt, p.failedAttempts, p.deliveredAt ?? null, p.returnedAt ?? null],
    );
  }
}
