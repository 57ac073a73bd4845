import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDateTime, ApiEnum, ApiInt, ApiObject, ApiText, ApiUuid } from '../../openapi/api-fields';
import { SHIPMENT_STATUSES } from '../../postal/shipment-lifecycle';
import { APPLICATION_STATUSES } from '../../workflow/application-workflow';
import { APPLICATION_TYPES } from './create-application.dto';

/** OpenAPI shapes of what the citizen's application routes answer (built in application-view.ts). */
export class ApplicationFeeDto {
  @ApiInt(0, 100_000_000, { description: 'Whole VND: licence fee and postal fee' }) amount!: number;
  @ApiInt(0, 100_000_000) licenceFee!: number;
  @ApiInt(0, 100_000_000) postalFee!: number;
  @ApiEnum(['VND']) currency!: 'VND';
  @ApiDateTime({ description: 'Pay by then or the application expires' }) dueBy!: string;
}

export class CheckDto {
  @ApiText(64, { example: 'EXPIRY_WINDOW' }) rule!: string;
  @ApiEnum(['PASS', 'FLAG', 'FAIL', 'NOT_CHECKED']) outcome!: string;
  @ApiText(2000, { description: 'In plain words' }) detail!: string;
  @ApiText(2000, { nullable: true, description: 'What the citizen can do, when anything' }) action!:
    string | null;
  @ApiObject(50, { description: 'The record facts the rule used' }) evidence!: Record<string, unknown>;
}

export class ApplicationDeliveryDto {
  @ApiEnum(['POST', 'OFFICE']) method!: string;
  @ApiText(120) recipientName!: string;
  @ApiText(12) phone!: string;
  @ApiText(200) street!: string;
  @ApiText(120) commune!: string;
  @ApiText(2, { pattern: '^\\d{2}$' }) provinceCode!: string;
}

export class DecisionDto {
  @ApiEnum(['APPROVED', 'REJECTED']) outcome!: string;
  @ApiText(2000, { nullable: true }) reason!: string | null;
  @ApiDateTime() decidedAt!: string;
}

export class ShipmentSummaryDto {
  @ApiText(13, { example: 'EB000001258VN' }) trackingNumber!: string;
  @ApiEnum(SHIPMENT_STATUSES) status!: string;
}

export class ApplicationDto {
  @ApiUuid() id!: string;
  @ApiText(20, { example: 'HN-2026-000123' }) reference!: string;
  @ApiEnum(APPLICATION_TYPES) type!: string;
  @ApiEnum(APPLICATION_STATUSES) status!: string;
  @ApiText(12) licenceNumber!: string;
  @ApiText(40, { nullable: true }) healthCertificateNumber!: string | null;
  @ApiProperty({ type: ApplicationDeliveryDto }) delivery!: ApplicationDeliveryDto;
  @ApiObject(10, { nullable: true, description: 'DETAILS_CHANGE: the new details asked for' })
  newDetails!: Record<string, string> | null;
  @ApiProperty({ type: ApplicationFeeDto }) fee!: ApplicationFeeDto;
  @ApiDateTime() submittedAt!: string;
  @ApiDateTime({ nullable: true }) paidAt!: string | null;
  @ApiDateTime({ nullable: true }) checkedAt!: string | null;
  @ApiDateTime({ nullable: true, description: 'The office decides by then (PENDING_REVIEW)' })
  reviewDueBy!: string | null;
  @ApiEnum(['ELIGIBLE', 'FLAGGED', 'INELIGIBLE'], { nullable: true, description: 'Of the last checks' })
  outcome!: string | null;
  @ApiProperty({ type: [CheckDto], maxItems: 50, description: 'The last run of the checks' })
  checks!: CheckDto[];
  @ApiProperty({ type: DecisionDto, nullable: true }) decision!: DecisionDto | null;
  @ApiObject(20, { nullable: true, description: 'The new licence once issued' })
  licence!: Record<string, unknown> | null;
  @ApiProperty({ type: ShipmentSummaryDto, nullable: true, description: 'After handover to the post' })
  shipment!: ShipmentSummaryDto | null;
}

export class ApplicationListDto {
  @ApiProperty({ type: [ApplicationDto], maxItems: 100 }) items!: ApplicationDto[];
  @ApiText(500, { nullable: true, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor!: string | null;
}

export class SubmittedFeeDto {
  @ApiInt(0, 100_000_000, { description: 'Whole VND to pay' }) amount!: number;
  @ApiEnum(['VND']) currency!: 'VND';
  @ApiDateTime() dueBy!: string;
}

export class PaymentLinkDto {
  @ApiUuid() id!: string;
  @ApiText(2048, { description: 'Send the citizen here to pay' }) redirectUrl!: string;
}

/** A check as the citizen is told it at submission (and in a refusal): in their language. */
export class SubmittedCheckDto {
  @ApiText(64, { example: 'EXPIRY_WINDOW' }) rule!: string;
  @ApiEnum(['PASS', 'FLAG', 'FAIL', 'NOT_CHECKED']) outcome!: string;
  @ApiText(2000, { description: 'In plain words, in the language of Accept-Language' }) detail!: string;
  @ApiPropertyOptional({ type: String, maxLength: 2000, description: 'What the citizen can do' })
  action?: string;
}

export class SubmittedApplicationDto {
  @ApiUuid() id!: string;
  @ApiText(20) reference!: string;
  @ApiEnum(['AWAITING_PAYMENT']) status!: string;
  @ApiProperty({
    type: [SubmittedCheckDto],
    maxItems: 50,
    description: "The records' checks, run before the fee",
  })
  checks!: SubmittedCheckDto[];
  @ApiProperty({ type: SubmittedFeeDto }) fee!: SubmittedFeeDto;
  @ApiProperty({ type: PaymentLinkDto }) payment!: PaymentLinkDto;
}

export class TimelineEntryDto {
  @ApiDateTime() at!: string;
  @ApiText(64, { example: 'SUBMIT' }) action!: string;
  @ApiText(40, {
    nullable: true,
    description: 'An application state, or a shipment state for delivery events',
  })
  fromState!: string | null;
  @ApiText(40, { nullable: true }) toState!: string | null;
  @ApiText(40, { example: 'the licensing office' }) by!: string;
  @ApiText(2000, { nullable: true }) detail!: string | null;
}

export class TimelineDto {
  @ApiProperty({ type: [TimelineEntryDto], maxItems: 1000 }) items!: TimelineEntryDto[];
}

export class ApplicationStatusDto {
  @ApiUuid() id!: string;
  @ApiEnum(APPLICATION_STATUSES) status!: string;
}

export class RetriedPaymentDto {
  @ApiProperty({ type: PaymentLinkDto }) payment!: PaymentLinkDto;
  @ApiDateTime({ description: 'The payment deadline, unchanged' }) dueBy!: string;
}
