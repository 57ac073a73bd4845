import type { EntityManager } from 'typeorm';
import type { NewShipment } from './new-shipment';
import type { Shipment } from './shipment';

/**
 * The boundary between issuance and a carrier. Issuance only ever calls ShipmentsService.createShipment;
 * the bound adapter decides how the carrier learns of the shipment and which tracking number it gets.
 *
 * The first implementation is the polling partner (Vietnam Post): the shipment waits in a pool that the
 * partner claims from over the API. A courier that wants pushes would implement handOver by storing the
 * shipment as its own and queueing a webhook delivery through the outbox, in the same transaction —
 * without any change to issuance. Events come back through the same partner API whichever adapter
 * handed the shipment over.
 */
export interface PostalAdapter {
  /**
   * Stores the shipments and hands them to the carrier, in the caller's transaction (set-based: one
   * batch of issuance is one call). Answers in the given order, null where the application already has
   * a shipment (a concurrent call won), so the caller can return that one.
   */
  handOver(tx: EntityManager, shipments: NewShipment[]): Promise<(Shipment | null)[]>;
}

export const POSTAL_ADAPTER = Symbol('POSTAL_ADAPTER');
