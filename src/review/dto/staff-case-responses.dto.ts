import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_TYPES } from '../../applications/dto/create-application.dto';
import { CheckDto } from '../../applications/dto/application-responses.dto';
import { ApiDateTime, ApiEnum, ApiInt, ApiObject, ApiText, ApiUuid } from '../../openapi/api-fields';
import { APPLICATION_STATUSES } from '../../workflow/application-workflow';

/** OpenAPI shapes of the staff routes' answers (work-queue.query.ts, case-view.query.ts, …). */
const OUTCOMES = ['ELIGIBLE', 'FLAGGED', 'INELIGIBLE'];

export class WorkQueueItemDto {
  @ApiUuid() id!: string;
  @ApiText(20) reference!: string;
  @ApiEnum(APPLICATION_TYPES) type!: string;
  @ApiEnum(APPLICATION_STATUSES) status!: string;
  @ApiEnum(OUTCOMES, { nullable: true }) outcome!: string | null;
  @ApiText(2, { pattern: '^\\d{2}$' }) provinceCode!: string;
  @ApiDateTime({ nullable: true }) dueAt!: string | null;
  @ApiEnum(['ON_TRACK', 'DUE_SOON', 'BREACHED'], { nullable: true }) deadlineState!: string | null;
  @ApiUuid({ nullable: true, description: 'Who holds an active claim' }) claimedBy!: string | null;
  @ApiInt(1) version!: number;
  @ApiDateTime() submittedAt!: string;
  @ApiText(200, { nullable: true, description: "The applicant's name on the driver record" })
  applicantName!: string | null;
}

export class WorkQueueDto {
  @ApiProperty({ type: [WorkQueueItemDto], maxItems: 200 }) items!: WorkQueueItemDto[];
  @ApiText(500, { nullable: true }) nextCursor!: string | null;
}

export class CaseClaimDto {
  @ApiUuid() holder!: string;
  @ApiDateTime({ nullable: true }) since!: string | null;
}

export class CasePhotoLinkDto {
  @ApiText(200, { example: '/api/v1/staff/applications/{id}/photo' }) url!: string;
}

export class CasePaymentDto {
  @ApiUuid() id!: string;
  @ApiInt(0, 100_000_000) amount!: number;
  @ApiText(20, { example: 'PAID' }) status!: string;
  @ApiText(100, { nullable: true }) providerTransactionId!: string | null;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime({ nullable: true }) settledAt!: string | null;
}

export class CaseMessageDto {
  @ApiEnum(['citizen', 'staff', 'system']) authorKind!: string;
  @ApiText(30) kind!: string;
  @ApiText(2000) body!: string;
  @ApiDateTime() createdAt!: string;
}

export class CaseHistoryEntryDto {
  @ApiDateTime() at!: string;
  @ApiText(20) actorKind!: string;
  @ApiText(100, { nullable: true }) actorId!: string | null;
  @ApiText(20, { nullable: true }) actorRole!: string | null;
  @ApiText(64) action!: string;
  @ApiText(40, {
    nullable: true,
    description: 'An application state, or a shipment state for delivery events',
  })
  fromState!: string | null;
  @ApiText(40, { nullable: true }) toState!: string | null;
  @ApiText(2000, { nullable: true }) reason!: string | null;
  @ApiText(40, { description: 'What the entry is about: the application, or its shipment' })
  subjectType!: string;
}

export class CaseNoticeDto {
  @ApiUuid() id!: string;
  @ApiEnum(['EMAIL', 'SMS']) channel!: string;
  @ApiText(40) template!: string;
  @ApiEnum(['QUEUED', 'SENDING', 'SENT', 'FAILED']) status!: string;
  @ApiText(320, { nullable: true }) recipient!: string | null;
  @ApiInt(0) attempts!: number;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime({ nullable: true }) sentAt!: string | null;
  @ApiDateTime({ nullable: true }) failedAt!: string | null;
  @ApiEnum(['REJECTED', 'GAVE_UP', 'UNCONFIRMED'], { nullable: true }) failureKind!: string | null;
  @ApiText(2000, { nullable: true }) failureReason!: string | null;
  @ApiText(2000, { nullable: true }) lastError!: string | null;
}

export class StaffCaseDto {
  @ApiUuid() id!: string;
  @ApiText(20) reference!: string;
  @ApiEnum(APPLICATION_TYPES) type!: string;
  @ApiEnum(APPLICATION_STATUSES) status!: string;
  @ApiEnum(OUTCOMES, { nullable: true }) outcome!: string | null;
  @ApiInt(1, 2_147_483_647, { description: 'Send it back with a decision' }) version!: number;
  @ApiText(2, { pattern: '^\\d{2}$' }) provinceCode!: string;
  @ApiDateTime({ nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: CaseClaimDto, nullable: true }) claim!: CaseClaimDto | null;
  @ApiObject(20, { description: 'What the citizen sent: licence number, delivery, new details, declaration' })
  application!: Record<string, unknown>;
  @ApiObject(20, { nullable: true, description: "The applicant's driver record" })
  applicant!: Record<string, unknown> | null;
  @ApiObject(30, { nullable: true, description: 'The licence and its classes, from the register' })
  licence!: Record<string, unknown> | null;
  @ApiProperty({ type: [CheckDto], maxItems: 50 }) checks!: CheckDto[];
  @ApiProperty({ type: CasePhotoLinkDto, nullable: true }) photo!: CasePhotoLinkDto | null;
  @ApiProperty({ type: [CasePaymentDto], maxItems: 100 }) payments!: CasePaymentDto[];
  @ApiProperty({ type: [CaseMessageDto], maxItems: 1000 }) messages!: CaseMessageDto[];
  @ApiProperty({ type: [CaseHistoryEntryDto], maxItems: 10_000 }) history!: CaseHistoryEntryDto[];
  @ApiObject(30, {
    nullable: true,
    description: 'The new licence once issued: number, card, date, points, classes',
  })
  newLicence!: Record<string, unknown> | null;
  @ApiProperty({
    type: [CaseNoticeDto],
    maxItems: 1000,
    description: 'Notices to the citizen and how each went',
  })
  notices!: CaseNoticeDto[];
}

export class ClaimedCaseDto {
  @ApiUuid() id!: string;
  @ApiInt(1) version!: number;
  @ApiUuid() claimedBy!: string;
}

export class NextCaseDto extends ClaimedCaseDto {
  @ApiText(20) reference!: string;
  @ApiEnum(APPLICATION_TYPES) type!: string;
  @ApiEnum(APPLICATION_STATUSES) status!: string;
  @ApiEnum(OUTCOMES, { nullable: true }) outcome!: string | null;
  @ApiDateTime({ nullable: true }) dueAt!: string | null;
}

export class ReleasedCaseDto {
  @ApiUuid() id!: string;
  @ApiInt(1) version!: number;
}

export class DecidedCaseDto {
  @ApiUuid() id!: string;
  @ApiEnum(APPLICATION_STATUSES) status!: string;
  @ApiInt(1) version!: number;
}

export class ApprovedCaseDto extends DecidedCaseDto {
  @ApiPropertyOptional({
    type: NextCaseDto,
    nullable: true,
    description:
      'Only when `takeNext` was asked: your next case, now claimed by you, or null when none is waiting.',
  })
  next?: NextCaseDto | null;
}

export class CaseStatusDto {
  @ApiUuid() id!: string;
  @ApiEnum(APPLICATION_STATUSES) status!: string;
}

export class CollectedCaseDto {
  @ApiUuid() id!: string;
  @ApiText(20) reference!: string;
  @ApiEnum(['COLLECTED']) status!: string;
}

export class StaffAlertDto {
  @ApiUuid() id!: string;
  @ApiUuid() applicationId!: string;
  @ApiText(20) reference!: string;
  @ApiText(40, { example: 'DEADLINE_BREACHED' }) kind!: string;
  @ApiText(2000) message!: string;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime({ nullable: true }) acknowledgedAt!: string | null;
}

export class StaffAlertListDto {
  @ApiProperty({ type: [StaffAlertDto], maxItems: 500, description: 'Newest first, at most 500' })
  items!: StaffAlertDto[];
}

export class AcknowledgedAlertDto {
  @ApiUuid() id!: string;
}

export class ProvincePolicyResultDto {
  @ApiText(2, { pattern: '^\\d{2}$' }) provinceCode!: string;
  @ApiProperty() autoApproveCleanRenewals!: boolean;
}
