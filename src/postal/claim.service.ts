import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { Clock } from '../common/clock';
import { PartnerShipmentDto } from './dto/partner-shipment.dto';
import type { PartnerPrincipal } from './partners/partner-api-key.strategy';
import { partnerActor } from './pickup.service';
import { PollingPartnerAdapter } from './polling-partner.adapter';

/** A partner's claim on shipments from the pool, audited per shipment. */
@Injectable()
export class ClaimService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly polling: PollingPartnerAdapter,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async claim(
    partner: PartnerPrincipal,
    limit: number,
    ip: string,
  ): Promise<{ items: PartnerShipmentDto[] }> {
    const claimed = await this.db.transaction(async (tx) => {
      const shipments = await this.polling.claim(tx, partner.partnerId, limit);
      await this.audit.record(
        tx,
        ...shipments.map((s) => ({
          actor: partnerActor(partner, ip),
          action: 'SHIPMENT_LEASED',
          subjectType: 'shipment',
          subjectId: s.id,
          applicationId: s.applicationId,
          toState: 'LEASED',
          data: { trackingNumber: s.trackingNumber, leaseExpiresAt: s.leaseExpiresAt?.toISOString() },
          knownHead: s.auditHead,
        })),
      );
      return shipments;
    });
    const now = this.clock.now();
    return { items: claimed.map((s) => PartnerShipmentDto.from(s, now)) };
  }
}
