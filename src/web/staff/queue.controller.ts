import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { APPLICATION_TYPES } from '../../applications/dto/create-application.dto';
import { CurrentUser } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/auth-user';
import { WorkQueueQuery } from '../../review/work-queue.query';
import { APPLICATION_STATUSES } from '../../workflow/application-workflow';
import { PageRenderer } from '../http/page-renderer';
import { WebController } from '../http/web-controller';
import { StaffPage, WebRequest } from '../session/web-auth.guard';
import { nextPageQuery, QUEUE_OUTCOMES, queueFilters, toQueueQuery } from './queue-filters';
import { StaffPagesRepository } from './staff-pages.repository';

/** The province's work queue (oldest deadline first) and the supervisor's view of what needs them. */
@WebController('staff')
export class QueueController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly queue: WorkQueueQuery,
    private readonly staffPages: StaffPagesRepository,
  ) {}

  @Get()
  @StaffPage()
  async list(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, unknown>,
  ) {
    const filters = queueFilters(query);
    const { items, nextCursor } = await this.queue.list(user, toQueueQuery(filters));
    return this.pages.render(request, reply, 'staff/queue', {
      titleKey: 'queue.title',
      items,
      values: { ...filters },
      nextPage: nextCursor ? nextPageQuery(filters, nextCursor) : null,
      statusOptions: APPLICATION_STATUSES.map((value) => ({ value, label: `appStatus.${value}` })),
      outcomeOptions: QUEUE_OUTCOMES.map((value) => ({ value, label: `outcome.${value}` })),
      typeOptions: APPLICATION_TYPES.map((value) => ({ value, label: `type.${value}` })),
      province: user.provinceCode ?? null,
      searching: toQueueQuery(filters).q ?? null,
    });
  }

  @Get('supervisor')
  @StaffPage('supervisor', 'admin')
  async supervisor(@CurrentUser() user: AuthUser, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const [alerts, flagged, breached] = await Promise.all([
      this.staffPages.alerts(user),
      this.queue.list(user, { outcome: 'FLAGGED', limit: 100 }),
      this.queue.list(user, { breached: 'true', limit: 100 }),
    ]);
    return this.pages.render(request, reply, 'staff/supervisor', {
      titleKey: 'supervisor.title',
      alerts,
      flagged: flagged.items,
      breached: breached.items,
    });
  }
}
