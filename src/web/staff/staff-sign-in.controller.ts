import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STAFF_SIGN_IN_FIELDS, staffSignInProblems } from '../citizen/account-forms';
import { pickFields } from '../http/form-errors';
import { safeRedirectTarget } from '../http/safe-redirect';
import { PageRenderer } from '../http/page-renderer';
import { WebController } from '../http/web-controller';
import type { WebRequest } from '../session/web-auth.guard';
import { WebSignIn } from '../session/web-sign-in';

/** Staff sign in with their username and password, through the same strategy as the API. */
@WebController('staff')
export class StaffSignInController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly signIns: WebSignIn,
  ) {}

  @Get('sign-in')
  page(
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Query('next') next: unknown,
    @Query('signedOut') signedOut: unknown,
  ) {
    return this.pages.render(request, reply, 'staff/sign-in', {
      titleKey: 'staffSignIn.title',
      next: safeRedirectTarget(next, '/staff'),
      signedOut: signedOut === '1',
    });
  }

  @Post('sign-in')
  async signIn(@Req() request: WebRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const values = pickFields(body, [...STAFF_SIGN_IN_FIELDS, 'next']);
    const next = safeRedirectTarget(values.next, '/staff');
    const problems = staffSignInProblems(values);
    const outcome = problems.length ? null : await this.signIns.signIn('staff', request, reply);
    if (outcome && 'user' in outcome)
      return this.pages.redirect(reply, next.startsWith('/staff') ? next : '/staff');
    const errors = outcome ? [outcome.problem] : problems;
    return this.pages.render(
      request,
      reply,
      'staff/sign-in',
      { titleKey: 'staffSignIn.title', values, errors, next },
      400,
    );
  }
}
