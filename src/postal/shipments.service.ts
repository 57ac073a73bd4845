import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
import { AuditLog } from '../audit/audit-log';
import { notFound } from '../common/errors/domain-error';
import { checkContentsReveal, NewShipment, validateNewShipment } from './new-shipment';
import { POSTAL_ADAPTER, PostalAdapter } from './postal-adapter';
import type { Shipment } from './shipment';
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
    const numbers = await this.createShipments(tx, [s]);
    return { trackingNumber: numbers.get(s.applicationId.toLowerCase())! };
  }

  /**
   * createShipment for many applications (one batch of issuance) with set-based statements: the
   * tracking number of each, by application id (lower case, as Postgres returns uuids).
   */
  async createShipments(tx: EntityManager, list: NewShipment[]): Promise<Map<string, string>> {
    if (list.length === 0) return new Map();
    list.forEach(validateNewShipment);
    const ids = list.map((s) => s.applicationId.toLowerCase());
    const apps = await tx.query<{ id: string; national_id: string; licence_number: string }[]>(
      `SELECT id, national_id, licence_number FROM applications WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(apps.map((a) => [a.id, a]));
    for (const [i, s] of list.entries()) {
      const app = byId.get(ids[i]);
      if (!app) throw notFound(`Application ${s.applicationId}`);
      checkContentsReveal(s.contents, { nationalId: app.national_id, licenceNumber: app.licence_number });
    }
    const numbers = new Map<string, string>();
    const existing = await this.shipments.findByApplications(tx, ids);
    for (const [id, shipment] of existing) numbers.set(id, shipment.trackingNumber);
    const fresh = list.filter((_, i) => !existing.has(ids[i]));
    const created = (await this.adapter.handOver(tx, fresh)).filter((c): c is Shipment => c !== null);
    for (const c of created) numbers.set(c.applicationId, c.trackingNumber);
    const lost = ids.filter((id) => !numbers.has(id));
    for (const [id, winner] of await this.shipments.findByApplications(tx, lost))
      numbers.set(id, winner.trackingNumber);
    const missing = lost.find((id) => !numbers.has(id));
    if (missing) throw new Error(`shipment for application ${missing} neither created nor found`);
    await this.audit.record(
      tx,
      ...created.map((c) => ({
        actor: SYSTEM_ACTOR,
        action: 'SHIPMENT_CREATED',
        subjectType: 'shipment',
        subjectId: c.id,
        applicationId: c.applicationId,
        toState: c.status,
        data: {
          trackingNumber: c.trackingNumber,
          originOffice: c.originOffice,
          cashOnDelivery: c.cashOnDelivery,
        },
        newSubject: true, // inserted just above, with a random id: its chain is empty and unknown to others
      })),
    );
    return numbers;
  }
}
