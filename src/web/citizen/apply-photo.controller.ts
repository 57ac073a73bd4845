import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../../auth/auth.decorators';
import type { AuthUser } from '../../auth/auth-user';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { UploadsService } from '../../uploads/uploads.service';
import { WebController } from '../http/web-controller';
import { CsrfVerifier, MultipartForm } from '../session/csrf';
import { readMultipartForm } from '../session/multipart-form';
import { CitizenPage, WebRequest } from '../session/web-auth.guard';
import { nextStep } from './application-draft';
import { ApplyJourney } from './apply-journey';
import { ApplySteps } from './apply-steps';

/** The photo page: upload (a preview shows what will be sent), see what was accepted, continue. */
@WebController('apply')
@CitizenPage()
export class ApplyPhotoController {
  constructor(
    private readonly steps: ApplySteps,
    private readonly journey: ApplyJourney,
    private readonly uploads: UploadsService,
    private readonly csrf: CsrfVerifier,
  ) {}

  @Get('photo')
  async photoPage(
    @CurrentUser() user: AuthUser,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
    @Query('returnTo') returnTo: unknown,
  ) {
    const draft = await this.steps.open('photo', user, reply);
    if (!draft) return;
    const next = nextStep('photo', draft, returnTo === 'check');
    return this.steps.render(
      'photo',
      draft,
      request,
      reply,
      { titleKey: 'apply.photo.title', next },
      returnTo,
    );
  }

  @Post('photo')
  @MultipartForm()
  async photo(@CurrentUser() user: AuthUser, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    // The form first: its CSRF token is checked before anything else is done for the request.
    const form = await readMultipartForm(request, reply, this.csrf, 'photo').catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'PAYLOAD_TOO_LARGE') return null;
      throw error;
    });
    const draft = await this.steps.open('photo', user, reply);
    if (!draft) return;
    if (!form) {
      const errors = [{ field: 'photo', key: 'apply.photo.errors.tooLarge' }];
      const model = { titleKey: 'apply.photo.title', errors, next: nextStep('photo', draft, false) };
      return this.steps.render('photo', draft, request, reply, model, '', 400);
    }
    const returnTo = form.fields.returnTo;
    const problem = await this.journey.acceptPhoto(user, form.file);
    if (problem) {
      const model = {
        titleKey: 'apply.photo.title',
        errors: [problem],
        next: nextStep('photo', draft, returnTo === 'check'),
      };
      return this.steps.render('photo', draft, request, reply, model, returnTo, 400);
    }
    // Back to the same page: the person sees the photo as accepted before going on.
    const query = returnTo === 'check' ? '?returnTo=check&uploaded=1' : '?uploaded=1';
    void reply.status(303).header('location', `/apply/photo${query}`).send();
  }

  /** The accepted photo of the application in progress, for its owner only. */
  @Get('photo/preview')
  async preview(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    const draft = await this.journey.draft(user);
    const photo = draft.photoUploadId ? await this.uploads.getPhoto(draft.photoUploadId) : null;
    if (!photo || photo.ownerCitizenId !== user.id) throw notFound('Photo');
    void reply
      .header('content-type', photo.contentType)
      .header('cache-control', 'private, no-store')
      .send(photo.bytes);
  }
}
