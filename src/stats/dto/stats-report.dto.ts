import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { IN_FLIGHT_STATUSES } from '../stats-report';
import type { DurationSummary, EventCounts, PublicCounts } from '../stats-report';

/** OpenAPI shapes of the two reports (the service builds plain objects of the same form). */
export class EventCountsDto implements EventCounts {
  @ApiProperty({ description: 'Applications submitted' }) received!: number;
  @ApiProperty({ description: 'Fees paid' }) paid!: number;
  @ApiProperty({ description: 'Approved (by an officer or straight through)' }) approved!: number;
  @ApiProperty({ description: 'Rejected (by the checks or an officer)' }) rejected!: number;
  @ApiProperty({ description: 'Licence cards issued' }) issued!: number;
  @ApiProperty({ description: 'Cards picked up by the postal partner' }) handedToPost!: number;
  @ApiProperty({ description: 'Cards delivered to the citizen' }) delivered!: number;
  @ApiProperty({ description: 'Cards the post brought back to the office' }) returnedToOffice!: number;
  @ApiProperty({ description: 'Decisions on complete applications (which carry a deadline)' })
  decidedWithDeadline!: number;
  @ApiProperty({ description: '… of which made by the deadline (decided_at ≤ due_at)' })
  decidedWithinDeadline!: number;
}

export class ProvinceCountsDto extends EventCountsDto {
  @ApiProperty({ example: '79' }) provinceCode!: string;
  @ApiProperty({ example: 'Thành phố Hồ Chí Minh' }) name!: string;
}

export class DayCountsDto extends EventCountsDto {
  @ApiProperty({ example: '2026-03-01', description: 'Vietnam calendar day' }) day!: string;
}

export class DurationSummaryDto implements DurationSummary {
  @ApiProperty({ description: 'How many durations ended in the period' }) count!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Median, hours (percentile_cont 0.5)' })
  medianHours!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '90th percentile, hours (percentile_cont 0.9)' })
  p90Hours!: number | null;
}

class PeriodDto {
  @ApiProperty({ example: '2026-03-01' }) from!: string;
  @ApiProperty({ example: '2026-03-30' }) to!: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone!: string;
}

class ProcessingTimesDto {
  @ApiProperty({ type: DurationSummaryDto, description: 'Payment to decision, by the day of the decision' })
  paymentToDecision!: DurationSummaryDto;
  @ApiProperty({ type: DurationSummaryDto, description: 'Payment to delivery, by the day of delivery' })
  paymentToDelivery!: DurationSummaryDto;
}

class DeadlineDto {
  @ApiProperty() decided!: number;
  @ApiProperty() decidedWithinDeadline!: number;
  @ApiProperty({ nullable: true, type: Number, example: 0.9731, description: 'A fraction between 0 and 1' })
  shareWithinDeadline!: number | null;
}

/** Applications in each in-flight state (AWAITING_PAYMENT … RETURNED_TO_OFFICE): state → count. */
const BY_STATUS = {
  type: 'object',
  maxProperties: IN_FLIGHT_STATUSES.length,
  properties: Object.fromEntries(
    IN_FLIGHT_STATUSES.map((s) => [
      s,
      { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 },
    ]),
  ),
  example: { AWAITING_PAYMENT: 12, PENDING_REVIEW: 40 },
} as ApiPropertyOptions;

class CurrentProvinceDto {
  @ApiProperty({ example: '79', maxLength: 2, pattern: '^\\d{2}$' }) provinceCode!: string;
  @ApiProperty(BY_STATUS) byStatus!: Record<string, number>;
}

class CurrentDto {
  @ApiProperty({ format: 'date-time', description: 'When the in-flight counts were read' }) asOf!: string;
  @ApiProperty({
    ...BY_STATUS,
    description: 'Applications in each in-flight state now',
  })
  byStatus!: Record<string, number>;
  @ApiProperty({ type: [CurrentProvinceDto], maxItems: 34, description: 'The same per province' })
  byProvince!: CurrentProvinceDto[];
}

export class StaffStatsReportDto {
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({ nullable: true, type: String, description: 'The province reported on; null: national' })
  provinceCode!: string | null;
  @ApiProperty({ type: EventCountsDto, description: 'Events in the period' }) totals!: EventCountsDto;
  @ApiProperty({ type: [ProvinceCountsDto] }) byProvince!: ProvinceCountsDto[];
  @ApiProperty({ type: [DayCountsDto], description: 'Every day of the period, zeros included' })
  byDay!: DayCountsDto[];
  @ApiProperty({ type: ProcessingTimesDto }) processingTimes!: ProcessingTimesDto;
  @ApiProperty({ type: DeadlineDto }) deadline!: DeadlineDto;
  @ApiProperty({ type: CurrentDto }) current!: CurrentDto;
}

export class PublicCountsDto implements PublicCounts {
  @ApiProperty() applicationsReceived!: number;
  @ApiProperty() licencesIssued!: number;
  @ApiProperty({ description: 'Cards the postal partner delivered to the citizen' })
  licencesReturnedByPost!: number;
}

class PublicProvinceDto extends PublicCountsDto {
  @ApiProperty({ example: '01' }) provinceCode!: string;
  @ApiProperty({ example: 'Hà Nội' }) name!: string;
}

class PublicPeriodDto {
  @ApiProperty({ nullable: true, type: String, description: 'null: since the service began' })
  from!: string | null;
  @ApiProperty() to!: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone!: string;
}

export class PublicStatsReportDto {
  @ApiProperty({ type: PublicPeriodDto }) period!: PublicPeriodDto;
  @ApiProperty({ type: PublicCountsDto }) totals!: PublicCountsDto;
  @ApiProperty({ type: [PublicProvinceDto] }) byProvince!: PublicProvinceDto[];
}
