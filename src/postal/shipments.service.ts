import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
import { AuditLog } from '../audit/audit-log';
import { notFound } from '../common/errors/domain-error';
import { checkContentsReveal, NewShipment, validateNewShipment } from './new-shipment';
import { POSTAL_ADAPTER, PostalAdapter } from './postal-adapter';
import { ShipmentsRepository } from './shipments.repository';

export type { NewShipment } from './new-shipment';

/** What issuance calls to send a new card by post. */
@Injectable()
export class ShipmentsService {
  constructor(
    @Inject(POSTAL_ADAPTER) private readonly adapter: PostalAdapter,
    private readonly shipments: ShipmentsRepository,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Creates the application's shipment in the caller's transaction and hands it to the carrier.
   * Idempotent per applicationId: a second call returns the existing shipment's tracking number.
   */
  async createShipment(tx: EntityManager, s: NewShipment): Promise<{ trackingNumber: string }> {
    validateNewShipment(s);
    const [app] = await tx.query<{ national_id: string; licence_number: string }[]>(
      `SELECT national_id, licence_number FROM applications WHERE id = $1`,
      [s.applicationId],
    );
    if (!app) throw notFound(`Application ${s.applicationId}`);
    checkContentsReveal(s.contents, { nationalId: app.national_id, licenceNumber: app.licence_number });
    const existing = await this.shipments.findByApplication(tx, s.applicationId);
    if (existing) return { trackingNumber: existing.trackingNumber };
    const created = await this.adapter.handOver(tx, s);
    if (!created) {
      const winner = await this.shipments.findByApplication(tx, s.applicationId);
      if (!winner) throw new Error(`shipment for application ${s.applicationId} neither created nor found`);
      return { trackingNumber: winner.trackingNumber };
    }
    await this.audit.record(tx, {
      actor: SYSTEM_ACTOR,
      action: 'SHIPMENT_CREATED',
      subjectType: 'shipment',
      subjectId: created.id,
      applicationId: s.applicationId,
      toState: created.status,
      data: {
        trackingNumber: created.trackingNumber,
        originOffice: created.originOffice,
        cashOnDelivery: created.cashOnDelivery,
      },
    });
    return { trackingNumber: created.trackingNumber };
  }
}
