import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { batchOrOneByOne } from '../common/batch-or-one-by-one';
import { Clock } from '../common/clock';
import type { WorkflowActor } from '../workflow/workflow-gate';
import { ApplicationFollowUp } from './application-follow-up';
import { PartnerShipmentDto } from './dto/partner-shipment.dto';
import { PICKUP_RESULTS, PickupBatchResultDto, PickupResult, PickupResultDto } from './dto/pickup-batch.dto';
import type { PartnerPrincipal } from './partners/partner-api-key.strategy';
import { partnerActor } from './pickup.service';
import { noLongerWaitingForPost, pickupVerdict } from './pickup-rules';
import { isValidTrackingNumber } from './s10';
import type { Shipment } from './shipment';
import { ShipmentsRepository } from './shipments.repository';

const refused = (trackingNumber: string, reason: string): PickupResultDto => ({
  trackingNumber,
  result: 'REFUSED',
  reason,
});

/**
 * A courier confirms a batch of cards at once, each answered on its own as the single pickup would be
 * (PICKED_UP, ALREADY_PICKED_UP for a retry, REFUSED with the reason). The batch is one transaction
 * with one statement per table: the shipments locked and read at once, the applications moved to
 * IN_DELIVERY at once (with their notices), the shipments marked at once, the audit entries appended
 * at once. Should it fail, each card is tried again in a transaction of its own, so one card's error
 * is its own.
 */
@Injectable()
export class PickupBatchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly shipments: ShipmentsRepository,
    private readonly followUp: ApplicationFollowUp,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async pickupMany(
    partner: PartnerPrincipal,
    trackingNumbers: string[],
    ip: string,
  ): Promise<PickupBatchResultDto> {
    const answers = new Map<string, PickupResultDto>();
    for (const n of trackingNumbers.filter((n) => !isValidTrackingNumber(n))) {
      answers.set(
        n,
        refused(n, `${n} is not a valid S10 tracking number (two letters, 8 digits, check digit, VN).`),
      );
    }
    const actor = partnerActor(partner, ip);
    const settled = await batchOrOneByOne(
      trackingNumbers.filter((n) => isValidTrackingNumber(n)),
      (numbers) => this.pickupOnce(partner.partnerId, actor, numbers),
    );
    const failures: unknown[] = [];
    for (const [n, outcome] of settled) {
      if (!outcome.ok) failures.push(outcome.error);
      else if (outcome.value) answers.set(n, outcome.value);
    }
    // The cards that went through are committed; a card that failed alone fails the request.
    if (failures.length) throw failures[0];
    const results = trackingNumbers.map((n) => answers.get(n)!);
    const counts = Object.fromEntries(PICKUP_RESULTS.map((r) => [r, 0])) as Record<PickupResult, number>;
    for (const r of results) counts[r.result]++;
    return { results, counts };
  }

  private pickupOnce(
    partnerId: string,
    actor: WorkflowActor,
    numbers: string[],
  ): Promise<Map<string, PickupResultDto>> {
    return this.db.transaction(async (tx) => {
      const answers = new Map<string, PickupResultDto>();
      const now = this.clock.now();
      const answer = (s: Shipment, result: PickupResult) =>
        answers.set(s.trackingNumber, {
          trackingNumber: s.trackingNumber,
          result,
          shipment: PartnerShipmentDto.from(s, now),
        });
      const locked = await this.shipments.lockForPickup(tx, numbers, partnerId);
      const toTake: Shipment[] = [];
      for (const n of numbers) {
        const s = locked.get(n);
        if (!s) {
          answers.set(n, refused(n, `No shipment ${n} is leased to or carried by you.`));
          continue;
        }
        const verdict = pickupVerdict(n, s, partnerId);
        if (verdict.kind === 'take') toTake.push(s);
        else if (verdict.kind === 'already') answer(s, 'ALREADY_PICKED_UP');
        else answers.set(n, refused(n, verdict.reason));
      }
      const moved = await this.followUp.handedToPostMany(tx, toTake, actor);
      toTake
        .filter((_, i) => !moved[i])
        .forEach((s) =>
          answers.set(s.trackingNumber, refused(s.trackingNumber, noLongerWaitingForPost(s.trackingNumber))),
        );
      const picked = await this.shipments.markManyPickedUp(
        tx,
        toTake.filter((_, i) => moved[i]).map((s) => s.id),
      );
      await this.audit.record(
        tx,
        ...picked.map((s) => ({
          actor,
          action: 'SHIPMENT_PICKED_UP',
          subjectType: 'shipment',
          subjectId: s.id,
          applicationId: s.applicationId,
          fromState: 'LEASED',
          toState: s.status,
          data: { trackingNumber: s.trackingNumber },
        })),
      );
      picked.forEach((s) => answer(s, 'PICKED_UP'));
      return answers;
    });
  }
}
