import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/auth-user';
import { StatsService } from '../../stats/stats.service';
import { formatDate } from '../../common/format/format';
import { PageRenderer } from '../http/page-renderer';
import { WebController } from '../http/web-controller';
import { StaffPage, WebRequest } from '../session/web-auth.guard';
import { statisticsCsv } from './stats-csv';
import { barChart, columnChart, shareChart } from './svg-charts';

/**
 * Statistics for staff over the last 30 days, from the same report as GET /api/v1/stats (so the page,
 * its CSV and the API agree): four charts, and the figures as CSV.
 */
@WebController('staff')
@StaffPage()
export class StatsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly stats: StatsService,
  ) {}

  @Get('stats')
  async page(@CurrentUser() user: AuthUser, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const report = await this.stats.staffReport(user, {});
    const t = (key: string, params?: Record<string, string | number>) =>
      this.pages.translate(request, key, params);
    const days = report.byDay.length;
    const chart = (id: string) => ({
      id,
      title: t(`stats.${id}.title`),
      description: t(`stats.${id}.desc`, { days }),
    });
    const share = report.deadline.shareWithinDeadline;
    const { paymentToDecision: decision, paymentToDelivery: delivery } = report.processingTimes;
    const times = [
      { key: 'decisionMedian', hours: decision.medianHours },
      { key: 'decisionP90', hours: decision.p90Hours },
      { key: 'deliveryMedian', hours: delivery.medianHours },
      { key: 'deliveryP90', hours: delivery.p90Hours },
    ];
    const provinces = [...report.byProvince].sort(
      (a, b) => b.received - a.received || a.provinceCode.localeCompare(b.provinceCode),
    );
    return this.pages.render(request, reply, 'staff/stats', {
      titleKey: 'stats.title',
      report,
      days,
      provinces,
      times,
      sharePercent: share === null ? null : Math.round(share * 100),
      charts: {
        perDay: columnChart(
          report.byDay.map((d) => ({
            label: formatDate(d.day).slice(0, 5), // dd/MM: the year is the chart's
            value: d.received,
          })),
          chart('perDay'),
          { labelEvery: 5 },
        ),
        perProvince: barChart(
          provinces.map((p) => ({ label: p.name, value: p.received })),
          chart('perProvince'),
        ),
        timeToDecision: columnChart(
          times.map((x) => ({ label: t(`stats.time.${x.key}`), value: x.hours ?? 0 })),
          chart('timeToDecision'),
        ),
        withinDeadline: shareChart(
          share,
          share === null ? t('stats.noDecisions') : `${Math.round(share * 100)}%`,
          chart('withinDeadline'),
        ),
      },
    });
  }

  @Get('stats.csv')
  async csv(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    const csv = statisticsCsv(await this.stats.staffReport(user, {}));
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="statistics.csv"')
      .header('cache-control', 'no-store')
      .send(csv);
  }
}
