import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuthUser, CurrentUser } from '../../auth/auth.decorators';
import { formatDate } from '../http/formatting';
import { languageOf, PageRenderer } from '../http/page-renderer';
import { WebController } from '../http/web-controller';
import { StaffPage, WebRequest } from '../session/web-auth.guard';
import { statisticsCsv } from './stats-csv';
import { barChart, columnChart, shareChart } from './svg-charts';
import { WebStatsQuery } from './web-stats.query';

/** Statistics for staff: four charts over the last 30 days, and the same figures as CSV. */
@WebController('staff')
@StaffPage()
export class StatsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly stats: WebStatsQuery,
  ) {}

  @Get('stats')
  async page(@CurrentUser() user: AuthUser, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const s = await this.stats.figures(user);
    const t = (key: string, params?: Record<string, string | number>) =>
      this.pages.translate(request, key, params);
    const lang = languageOf(request);
    const chart = (id: string) => ({
      id,
      title: t(`stats.${id}.title`),
      description: t(`stats.${id}.desc`, { days: s.days }),
    });
    const share = s.deadline.share === null ? null : Math.round(s.deadline.share * 100);
    return this.pages.render(request, reply, 'staff/stats', {
      titleKey: 'stats.title',
      s,
      share,
      medianHours: s.medianHoursToDecision === null ? null : s.medianHoursToDecision.toFixed(1),
      charts: {
        perDay: columnChart(
          s.perDay.map((d) => ({ label: formatDate(d.day, lang).replace(/,? \d{4}$/, ''), value: d.count })),
          chart('perDay'),
          { labelEvery: 5 },
        ),
        perProvince: barChart(
          s.perProvince.map((p) => ({ label: p.name, value: p.count })),
          chart('perProvince'),
        ),
        timeToDecision: columnChart(
          s.timeToDecision.map((b) => ({ label: t(`stats.bucket.${b.key}`), value: b.count })),
          chart('timeToDecision'),
        ),
        withinDeadline: shareChart(
          s.deadline.share,
          share === null ? t('stats.noDecisions') : `${share}%`,
          chart('withinDeadline'),
        ),
      },
    });
  }

  @Get('stats.csv')
  async csv(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    const csv = statisticsCsv(await this.stats.figures(user));
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="statistics.csv"')
      .header('cache-control', 'no-store')
      .send(csv);
  }
}
