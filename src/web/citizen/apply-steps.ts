import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../auth/auth-user';
import { PageModel, PageRenderer } from '../http/page-renderer';
import type { WebRequest } from '../session/web-auth.guard';
import { ApplicationDraft, missingBefore, nextStep, Step, stepsFor } from './application-draft';
import { ApplyJourney } from './apply-journey';

/**
 * What every page of the application form does alike: load the draft (a submitted one starts over),
 * send the person back to the first page still to fill in, render with "back" and "return to check
 * answers" links, and after saving go on to the next page.
 */
@Injectable()
export class ApplySteps {
  constructor(
    private readonly journey: ApplyJourney,
    private readonly pages: PageRenderer,
  ) {}

  /** The draft, or null after redirecting to an earlier page that is not filled in yet. */
  async open(step: Step, user: AuthUser, reply: FastifyReply): Promise<ApplicationDraft | null> {
    const stored = await this.journey.draft(user);
    const draft = stored.submitted ? {} : stored;
    const missing = missingBefore(step, draft);
    if (missing) {
      this.pages.redirect(reply, `/apply/${missing}`);
      return null;
    }
    return draft;
  }

  render(
    step: Step,
    draft: ApplicationDraft,
    request: WebRequest,
    reply: FastifyReply,
    model: PageModel,
    returnTo: unknown,
    status = 200,
  ): Promise<void> {
    const steps = stepsFor(draft);
    const index = steps.indexOf(step);
    const returnToCheck = returnTo === 'check';
    return this.pages.render(
      request,
      reply,
      `citizen/apply/${step}`,
      {
        ...model,
        returnTo: returnToCheck ? 'check' : '',
        back: returnToCheck ? '/apply/check' : index > 0 ? `/apply/${steps[index - 1]}` : '/',
        stepNumber: index + 1,
        stepCount: steps.length,
        draft,
      },
      status,
    );
  }

  async saveAndContinue(
    step: Step,
    user: AuthUser,
    draft: ApplicationDraft,
    reply: FastifyReply,
    returnTo: unknown,
  ): Promise<void> {
    await this.journey.save(user, draft);
    this.pages.redirect(reply, `/apply/${nextStep(step, draft, returnTo === 'check')}`);
  }
}
