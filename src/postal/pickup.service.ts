import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { WorkflowActor } from '../workflow/workflow-gate';
import { AuditLog } from '../audit/audit-log';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/errors/domain-error';
import { ApplicationFollowUp } from './application-follow-up';
import { PartnerShipmentDto } from './dto/partner-shipment.dto';
import { noLongerWaitingForPost, pickupVerdict } from './pickup-rules';
import type { PartnerPrincipal } from './partners/partner-api-key.strategy';
import { isValidTrackingNumber } from './s10';
import { ShipmentsRepository } from './shipments.repository';

export function partnerActor(partner: PartnerPrincipal, ip: string): WorkflowActor {
  return { kind: 'partner', id: partner.partnerId, role: 'partner', ip };
}

export function checkTrackingNumber(trackingNumber: string): void {
  if (!isValidTrackingNumber(trackingNumber)) {
    throw new DomainError(
      'BAD_REQUEST',
      `${trackingNumber} is not a valid S10 tracking number (two letters, 8 digits, check digit, VN).`,
    );
  }
}

/**
 * The partner confirms it has the card: only the holder of a running lease may, and the application
 * moves to IN_DELIVERY in the same transaction. Repeating a pickup that happened answers the same.
 */
@Injectable()
export class PickupService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly shipments: ShipmentsRepository,
    private readonly followUp: ApplicationFollowUp,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async pickup(partner: PartnerPrincipal, trackingNumber: string, ip: string): Promise<PartnerShipmentDto> {
    checkTrackingNumber(trackingNumber);
    const shipment = await this.db.transaction(async (tx) => {
      const s = await this.shipments.lockByTrackingNumber(tx, trackingNumber);
      if (!s) throw notFound(`Shipment ${trackingNumber}`);
      const verdict = pickupVerdict(trackingNumber, s, partner.partnerId);
      if (verdict.kind === 'already') return s; // picked up before: a retry
      if (verdict.kind === 'refused') throw new DomainError('CONFLICT', verdict.reason);
      const actor = partnerActor(partner, ip);
      if (!(await this.followUp.handedToPost(tx, s, actor))) {
        throw new DomainError('CONFLICT', noLongerWaitingForPost(trackingNumber));
      }
      const picked = await this.shipments.markPickedUp(tx, s.id);
      await this.audit.record(tx, {
        actor,
        action: 'SHIPMENT_PICKED_UP',
        subjectType: 'shipment',
        subjectId: s.id,
        applicationId: s.applicationId,
        fromState: 'LEASED',
        toState: picked.status,
        data: { trackingNumber },
      });
      return picked;
    });
    return PartnerShipmentDto.from(shipment, this.clock.now());
  }
}
