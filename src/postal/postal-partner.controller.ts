import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp } from '../auth/auth.decorators';
import { ApiTrackingNumberParam } from '../openapi/api-params';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ClaimService } from './claim.service';
import { EventBatchDto, EventBatchResultDto } from './dto/event-batch.dto';
import { ClaimedShipmentsDto, PartnerShipmentDto, PartnerShipmentListDto } from './dto/partner-shipment.dto';
import { ClaimShipmentsDto, ShipmentFeedQueryDto } from './dto/partner-requests.dto';
import { ShipmentEventsService } from './events/shipment-events.service';
import type { PartnerPrincipal } from './partners/partner-api-key.strategy';
import { CurrentPartner, PostalPartner } from './partners/postal-partner.decorators';
import { PickupBatchDto, PickupBatchResultDto } from './dto/pickup-batch.dto';
import { PickupBatchService } from './pickup-batch.service';
import { PickupService } from './pickup.service';
import { ShipmentFeedQuery } from './shipment-feed.query';

/** The postal partner's API: claim shipments, confirm pickup, report events, reconcile. */
@ApiTags('postal partner')
@Controller('api/v1/postal')
@PostalPartner()
export class PostalPartnerController {
  constructor(
    private readonly claims: ClaimService,
    private readonly pickups: PickupService,
    private readonly pickupBatches: PickupBatchService,
    private readonly events: ShipmentEventsService,
    private readonly feed: ShipmentFeedQuery,
  ) {}

  @Post('shipments/claim')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Lease up to `limit` ready shipments; pick them up before leaseExpiresAt or they go back to the pool',
  })
  @ApiOkResponse({ type: ClaimedShipmentsDto })
  @ApiProblems(400)
  claim(
    @CurrentPartner() partner: PartnerPrincipal,
    @Body() body: ClaimShipmentsDto,
    @ClientIp() ip: string,
  ): Promise<ClaimedShipmentsDto> {
    return this.claims.claim(partner, body.limit, ip);
  }

  @Get('shipments')
  @ApiOperation({ summary: 'Your shipments in the order they changed, for reconciliation' })
  @ApiOkResponse({ type: PartnerShipmentListDto })
  @ApiProblems(400)
  list(
    @CurrentPartner() partner: PartnerPrincipal,
    @Query() query: ShipmentFeedQueryDto,
  ): Promise<PartnerShipmentListDto> {
    return this.feed.page(partner, {
      status: query.status,
      updatedSince: query.updatedSince ? new Date(query.updatedSince) : undefined,
      cursor: query.cursor,
      limit: query.limit ?? 100,
    });
  }

  @Post('shipments/pickup')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Confirm you have up to 200 cards at once; each is answered on its own (PICKED_UP, ALREADY_PICKED_UP, or REFUSED with the reason)',
  })
  @ApiOkResponse({ type: PickupBatchResultDto })
  @ApiProblems(400)
  pickupMany(
    @CurrentPartner() partner: PartnerPrincipal,
    @Body() body: PickupBatchDto,
    @ClientIp() ip: string,
  ): Promise<PickupBatchResultDto> {
    return this.pickupBatches.pickupMany(partner, body.trackingNumbers, ip);
  }

  @Post('shipments/:trackingNumber/pickup')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm you have the card (only while your lease runs); repeating it is harmless',
  })
  @ApiTrackingNumberParam()
  @ApiOkResponse({ type: PartnerShipmentDto })
  @ApiProblems(
    { status: 400, description: 'Not a valid S10 tracking number.' },
    { status: 404, description: 'No such shipment.' },
    { status: 409, description: 'You do not hold a running lease on this shipment.' },
  )
  pickup(
    @CurrentPartner() partner: PartnerPrincipal,
    @Param('trackingNumber') trackingNumber: string,
    @ClientIp() ip: string,
  ): Promise<PartnerShipmentDto> {
    return this.pickups.pickup(partner, trackingNumber, ip);
  }

  @Post('events')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Report up to 500 events; each is answered on its own (APPLIED, DUPLICATE, or REJECTED with the reason)',
  })
  @ApiOkResponse({ type: EventBatchResultDto })
  @ApiProblems(400)
  report(
    @CurrentPartner() partner: PartnerPrincipal,
    @Body() body: EventBatchDto,
    @ClientIp() ip: string,
  ): Promise<EventBatchResultDto> {
    return this.events.report(partner, body.events, ip);
  }
}
