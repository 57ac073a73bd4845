import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { transitionApplication } from '../applications/application-transitions';
import type { AuditActor } from '../audit/audit-entry';
import { AuditLog } from '../audit/audit-log';
import { Environment } from '../config/environment';
import { Notifier } from '../notifications/notifier';
import type { Shipment } from './shipment';

/**
 * Moves the application along with its shipment, in the shipment's transaction: handed to the post
 * (IN_DELIVERY), delivered, or back at the office (RETURNED_TO_OFFICE, with word to the citizen on where
 * to collect the card). Each returns whether the application moved; it does not when it was no longer
 * in the state the step starts from (then nothing is written).
 */
@Injectable()
export class ApplicationFollowUp {
  constructor(
    private readonly audit: AuditLog,
    private readonly notifier: Notifier,
    private readonly env: Environment,
  ) {}

  async handedToPost(tx: EntityManager, shipment: Shipment, actor: AuditActor): Promise<boolean> {
    const app = await transitionApplication(tx, { id: shipment.applicationId, action: 'HAND_TO_POST' });
    if (!app) return false;
    await this.audit.record(tx, {
      actor,
      action: 'HAND_TO_POST',
      subjectType: 'application',
      subjectId: app.id,
      applicationId: app.id,
      fromState: app.from_status,
      toState: app.status,
      data: {
        trackingNumber: shipment.trackingNumber,
        citizenDetail: `Handed to the post; tracking number ${shipment.trackingNumber}`,
      },
    });
    await this.notifier.notify(tx, {
      citizenId: app.citizen_id,
      applicationId: app.id,
      template: 'IN_DELIVERY',
      params: { reference: app.reference, trackingNumber: shipment.trackingNumber },
      dedupeKey: `${app.id}:IN_DELIVERY`,
    });
    return true;
  }

  async delivered(tx: EntityManager, shipment: Shipment, actor: AuditActor): Promise<boolean> {
    const app = await transitionApplication(tx, { id: shipment.applicationId, action: 'DELIVER' });
    if (!app) return false;
    await this.audit.record(tx, {
      actor,
      action: 'DELIVER',
      subjectType: 'application',
      subjectId: app.id,
      applicationId: app.id,
      fromState: app.from_status,
      toState: app.status,
      data: { trackingNumber: shipment.trackingNumber, citizenDetail: 'Your licence was delivered' },
    });
    await this.notifier.notify(tx, {
      citizenId: app.citizen_id,
      applicationId: app.id,
      template: 'DELIVERED',
      params: { reference: app.reference, trackingNumber: shipment.trackingNumber },
      dedupeKey: `${app.id}:DELIVERED`,
    });
    return true;
  }

  /** `why` is told to the citizen, e.g. "after 3 failed delivery attempts". */
  async returnedToOffice(
    tx: EntityManager,
    shipment: Shipment,
    actor: AuditActor,
    why: string,
  ): Promise<boolean> {
    const app = await transitionApplication(tx, { id: shipment.applicationId, action: 'RETURN_TO_OFFICE' });
    if (!app) return false;
    const office = await this.officeName(tx, shipment.originOffice);
    await this.audit.record(tx, {
      actor,
      action: 'RETURN_TO_OFFICE',
      subjectType: 'application',
      subjectId: app.id,
      applicationId: app.id,
      fromState: app.from_status,
      toState: app.status,
      // The why goes in data, not reason: the timeline shows a reason instead of the sentence below.
      data: {
        trackingNumber: shipment.trackingNumber,
        why,
        office,
        citizenDetail: `The card could not be delivered (${why}) and goes back to ${office}: collect it there with your citizen ID card`,
      },
    });
    await this.notifier.notify(tx, {
      citizenId: app.citizen_id,
      applicationId: app.id,
      template: 'RETURNED_TO_OFFICE',
      params: { reference: app.reference, trackingNumber: shipment.trackingNumber, office },
      dedupeKey: `${app.id}:RETURNED_TO_OFFICE`,
    });
    return true;
  }

  /** The office the citizen goes to: the licensing authority of the issuing province. */
  async officeName(tx: EntityManager, provinceCode: string): Promise<string> {
    const [province] = await tx.query<{ name: string }[]>(`SELECT name FROM provinces WHERE code = $1`, [
      provinceCode,
    ]);
    return `${this.env.LICENSING_AUTHORITY_NAME}, ${province?.name ?? provinceCode}`;
  }
}
