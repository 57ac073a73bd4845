import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Environment } from '../config/environment';
import { ApplicationActions } from '../workflow/application-actions';
import type { WorkflowActor } from '../workflow/workflow-gate';
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
    private readonly actions: ApplicationActions,
    private readonly env: Environment,
  ) {}

  async handedToPost(tx: EntityManager, shipment: Shipment, actor: WorkflowActor): Promise<boolean> {
    const app = await this.actions.take(tx, {
      applicationId: shipment.applicationId,
      action: 'HAND_TO_POST',
      actor,
      data: {
        trackingNumber: shipment.trackingNumber,
        citizenDetail: `Handed to the post; tracking number ${shipment.trackingNumber}`,
      },
      notice: { template: 'IN_DELIVERY', params: { trackingNumber: shipment.trackingNumber } },
    });
    return app !== null;
  }

  async delivered(tx: EntityManager, shipment: Shipment, actor: WorkflowActor): Promise<boolean> {
    const app = await this.actions.take(tx, {
      applicationId: shipment.applicationId,
      action: 'DELIVER',
      actor,
      data: { trackingNumber: shipment.trackingNumber, citizenDetail: 'Your licence was delivered' },
      notice: { template: 'DELIVERED', params: { trackingNumber: shipment.trackingNumber } },
    });
    return app !== null;
  }

  /** `why` is told to the citizen, e.g. "after 3 failed delivery attempts". */
  async returnedToOffice(
    tx: EntityManager,
    shipment: Shipment,
    actor: WorkflowActor,
    why: string,
  ): Promise<boolean> {
    const office = await this.officeName(tx, shipment.originOffice);
    const app = await this.actions.take(tx, {
      applicationId: shipment.applicationId,
      action: 'RETURN_TO_OFFICE',
      actor,
      // The why goes in data, not reason: the timeline shows a reason instead of the sentence below.
      data: {
        trackingNumber: shipment.trackingNumber,
        why,
        office,
        citizenDetail: `The card could not be delivered (${why}) and goes back to ${office}: collect it there with your citizen ID card`,
      },
      notice: { template: 'RETURNED_TO_OFFICE', params: { trackingNumber: shipment.trackingNumber, office } },
    });
    return app !== null;
  }

  /** The office the citizen goes to: the licensing authority of the issuing province. */
  async officeName(tx: EntityManager, provinceCode: string): Promise<string> {
    const [province] = await tx.query<{ name: string }[]>(`SELECT name FROM provinces WHERE code = $1`, [
      provinceCode,
    ]);
    return `${this.env.LICENSING_AUTHORITY_NAME}, ${province?.name ?? provinceCode}`;
  }
}
