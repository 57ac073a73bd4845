import { Module } from '@nestjs/common';
import { POSTAL_ADAPTER } from './postal-adapter';
import { PollingPartnerAdapter } from './polling-partner.adapter';
import { ShipmentsRepository } from './shipments.repository';
import { ShipmentsService } from './shipments.service';

/**
 * Creating shipments, for issuance (api or worker): no controllers. The polling partner is the adapter
 * bound by default; a push courier would be bound here instead.
 */
@Module({
  providers: [
    ShipmentsRepository,
    PollingPartnerAdapter,
    { provide: POSTAL_ADAPTER, useExisting: PollingPartnerAdapter },
    ShipmentsService,
  ],
  exports: [ShipmentsService, ShipmentsRepository, PollingPartnerAdapter],
})
export class PostalCoreModule {}
