import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Clock } from '../../common/clock';
import { feeFor } from '../../config/policy/fees';
import { isLanguage } from '../i18n/translator';
import { safeRedirectTarget } from '../http/safe-redirect';
import { LANGUAGE_COOKIE, PageRenderer } from '../http/page-renderer';
import { WebController } from '../http/web-controller';
import type { WebRequest } from '../session/web-auth.guard';

/** The start page (what you need, what it costs) and the language switch. */
@WebController()
export class StartController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly clock: Clock,
  ) {}

  @Get()
  start(@Req() request: WebRequest, @Res() reply: FastifyReply, @Query('signedOut') signedOut: unknown) {
    const today = this.clock.today();
    return this.pages.render(request, reply, 'citizen/start', {
      titleKey: 'start.title',
      signedOut: signedOut === '1' && !request.user,
      feeByPost: feeFor(today, 'POST').total,
      feeAtOffice: feeFor(today, 'OFFICE').total,
      postalFee: feeFor(today, 'POST').postalFee,
    });
  }

  /** Remembered for a year in the `lang` cookie; then back to the page the person was on. */
  @Get('language')
  language(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Query('to') to: unknown,
    @Query('next') next: unknown,
  ) {
    if (isLanguage(to)) {
      void reply.setCookie(LANGUAGE_COOKIE, to, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        secure: request.protocol === 'https',
        maxAge: 365 * 24 * 3600,
      });
    }
    this.pages.redirect(reply, safeRedirectTarget(next));
  }
}
