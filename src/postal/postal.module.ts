import { Module } from '@nestjs/common';
import { RateLimiter } from '../auth/login/rate-limiter';
import { CommonModule } from '../common/common.module';
import { ApplicationFollowUp } from './application-follow-up';
import { ClaimService } from './claim.service';
import { CollectionController } from './collection.controller';
import { CollectionService } from './collection.service';
import { ShipmentEventsRepository } from './events/shipment-events.repository';
import { ShipmentEventsService } from './events/shipment-events.service';
import { PartnerApiKeyStrategy } from './partners/partner-api-key.strategy';
import { POSTAL_AUTHENTICATOR, PostalPartnerGuard } from './partners/postal-partner.guard';
import { PostalPartnersAdminService } from './partners/postal-partners-admin.service';
import { PostalPartnersRepository } from './partners/postal-partners.repository';
import { PickupBatchService } from './pickup-batch.service';
import { PickupService } from './pickup.service';
import { PostalAdminController } from './postal-admin.controller';
import { PostalCoreModule } from './postal-core.module';
import { PostalPartnerController } from './postal-partner.controller';
import { ShipmentFeedQuery } from './shipment-feed.query';

/** The postal partner API (API key), its administration (admins) and collection at the office (staff). */
@Module({
  imports: [CommonModule, PostalCoreModule],
  controllers: [PostalPartnerController, PostalAdminController, CollectionController],
  providers: [
    PostalPartnersRepository,
    PostalPartnersAdminService,
    PartnerApiKeyStrategy,
    {
      provide: POSTAL_AUTHENTICATOR,
      inject: [PartnerApiKeyStrategy],
      useFactory: (s: PartnerApiKeyStrategy) => s.build(),
    },
    PostalPartnerGuard,
    RateLimiter,
    ApplicationFollowUp,
    ClaimService,
    PickupBatchService,
    PickupService,
    ShipmentEventsRepository,
    ShipmentEventsService,
    ShipmentFeedQuery,
    CollectionService,
  ],
})
export class PostalModule {}
