import type { ChainHead } from '../audit/audit-chain-heads';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Environment } from '../config/environment';
import type { NewShipment } from './new-shipment';
import type { PostalAdapter } from './postal-adapter';
import { makeTrackingNumber } from './s10';
import type { Shipment } from './shipment';
import { ShipmentsRepository } from './shipments.repository';

/**
 * The polling partner: shipments get an S10 number from our own serial sequence and wait READY in the
 * pool; partners lease them with claim() and confirm with pickup (PickupService).
 */
@Injectable()
export class PollingPartnerAdapter implements PostalAdapter {
  constructor(
    private readonly shipments: ShipmentsRepository,
    private readonly env: Environment,
  ) {}

  async handOver(tx: EntityManager, shipments: NewShipment[]): Promise<(Shipment | null)[]> {
    if (shipments.length === 0) return [];
    const serials = await this.shipments.nextSerials(tx, shipments.length);
    const numbered = shipments.map((s, i) => ({
      shipment: s,
      trackingNumber: makeTrackingNumber(this.env.POSTAL_SERVICE_INDICATOR, serials[i]),
    }));
    const stored = await this.shipments.insertIfAbsent(tx, numbered, 'READY');
    return shipments.map((s) => stored.get(s.applicationId.toLowerCase()) ?? null);
  }

  /**
   * Leases up to `limit` shipments to the partner for POSTAL_LEASE_SECONDS; each comes with its audit
   * chain's head as the lease read it, for the lease's audit entry.
   */
  claim(
    tx: EntityManager,
    partnerId: string,
    limit: number,
  ): Promise<(Shipment & { auditHead: ChainHead | null })[]> {
    return this.shipments.claim(tx, partnerId, limit, this.env.POSTAL_LEASE_SECONDS);
  }
}
