import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Environment } from '../config/environment';
import { ApplicationActions } from '../workflow/application-actions';
import type { ActionRequest } from '../workflow/take-action';
import type { WorkflowActor } from '../workflow/workflow-gate';
import type { FollowStep } from './events/shipment-run';
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
    return (await this.actions.take(tx, this.handOverRequest(shipment, actor))) !== null;
  }

  /** Many cards handed to the post in one statement (takeMany): whether each application moved. */
  async handedToPostMany(tx: EntityManager, shipments: Shipment[], actor: WorkflowActor): Promise<boolean[]> {
    if (shipments.length === 0) return [];
    const moved = await this.actions.takeMany(
      tx,
      shipments.map((s) => this.handOverRequest(s, actor)),
    );
    return moved.map((app) => app !== null);
  }

  private handOverRequest(shipment: Shipment, actor: WorkflowActor): ActionRequest {
    return {
      applicationId: shipment.applicationId,
      action: 'HAND_TO_POST',
      actor,
      data: {
        trackingNumber: shipment.trackingNumber,
        citizenDetail: `Handed to the post; tracking number ${shipment.trackingNumber}`,
      },
      notice: { template: 'IN_DELIVERY', params: { trackingNumber: shipment.trackingNumber } },
    };
  }

  private deliverRequest(shipment: Shipment, actor: WorkflowActor): ActionRequest {
    return {
      applicationId: shipment.applicationId,
      action: 'DELIVER',
      actor,
      data: { trackingNumber: shipment.trackingNumber, citizenDetail: 'Your licence was delivered' },
      notice: { template: 'DELIVERED', params: { trackingNumber: shipment.trackingNumber } },
    };
  }

  /** `why` is told to the citizen, e.g. "after 3 failed delivery attempts". */
  private returnRequest(
    shipment: Shipment,
    actor: WorkflowActor,
    why: string,
    office: string,
  ): ActionRequest {
    return {
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
    };
  }

  /**
   * The steps a partner's batch of events leads to, all in one statement (takeMany): each returns
   * whether its application moved. The offices of returned cards are read in one query.
   */
  async many(tx: EntityManager, steps: FollowStep[]): Promise<boolean[]> {
    if (steps.length === 0) return [];
    const offices = await this.officeNames(
      tx,
      steps.filter((s) => s.kind === 'returned').map((s) => s.shipment.originOffice),
    );
    const moved = await this.actions.takeMany(
      tx,
      steps.map((step) =>
        step.kind === 'delivered'
          ? this.deliverRequest(step.shipment, step.actor)
          : this.returnRequest(step.shipment, step.actor, step.why, offices.get(step.shipment.originOffice)!),
      ),
    );
    return moved.map((app) => app !== null);
  }

  /** The offices the citizen goes to: the licensing authority of each issuing province. */
  private async officeNames(tx: EntityManager, provinceCodes: string[]): Promise<Map<string, string>> {
    const codes = [...new Set(provinceCodes)];
    if (codes.length === 0) return new Map();
    const rows = await tx.query<{ code: string; name: string }[]>(
      `SELECT code, name FROM provinces WHERE code = ANY($1::text[])`,
      [codes],
    );
    const names = new Map(rows.map((r) => [r.code, r.name]));
    return new Map(codes.map((c) => [c, `${this.env.LICENSING_AUTHORITY_NAME}, ${names.get(c) ?? c}`]));
  }
}
