import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { provinceScope } from '../review/staff-scope';
import type { PublicStatsQueryDto, StatsQueryDto } from './dto/stats-query.dto';
import { resolvePeriod } from './stats-period';
import {
  buildPublicReport,
  buildStaffReport,
  EVENT_METRICS,
  IN_FLIGHT_STATUSES,
  PUBLIC_METRICS,
  PublicStatsReport,
  StaffStatsReport,
} from './stats-report';
import { StatsRepository } from './stats.repository';

/** The staff and public statistics: who may see which province, then four reads run side by side. */
@Injectable()
export class StatsService {
  constructor(
    private readonly stats: StatsRepository,
    private readonly clock: Clock,
  ) {}

  async staffReport(user: AuthUser, q: StatsQueryDto): Promise<StaffStatsReport> {
    const scope = provinceScope(user);
    if (scope && q.province && q.province !== scope) {
      throw new DomainError('FORBIDDEN', `You may see the statistics of province ${scope} only.`);
    }
    const provinceCode = q.province ?? scope;
    const now = this.clock.now();
    const period = resolvePeriod(q, this.clock.today());
    const closed = { from: period.from!, to: period.to };
    const [counts, inFlight, paymentToDecision, paymentToDelivery] = await Promise.all([
      this.stats.eventCounts(period, provinceCode, Object.values(EVENT_METRICS), true),
      this.stats.statesNow(provinceCode, IN_FLIGHT_STATUSES),
      this.stats.durations('payment_to_decision', period, provinceCode),
      this.stats.durations('payment_to_delivery', period, provinceCode),
    ]);
    return buildStaffReport({
      period: closed,
      provinceCode,
      counts,
      inFlight,
      paymentToDecision,
      paymentToDelivery,
      asOf: now,
    });
  }

  async publicReport(q: PublicStatsQueryDto): Promise<PublicStatsReport> {
    const period = resolvePeriod(q, this.clock.today(), { openStart: true });
    const counts = await this.stats.eventCounts(period, null, Object.values(PUBLIC_METRICS), false);
    return buildPublicReport(period, counts);
  }
}
