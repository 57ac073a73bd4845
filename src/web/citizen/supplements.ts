import { Injectable } from '@nestjs/common';
import { CitizenActionsService } from '../../applications/citizen-actions.service';
import type { AuthUser } from '../../auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { UploadsService } from '../../uploads/uploads.service';
import type { FieldProblem, FormValues } from '../http/form-errors';

const CERTIFICATE_NUMBER = /^[A-Za-z0-9-]{4,40}$/;

const PHOTO_ERRORS: Record<string, string> = {
  UNSUPPORTED_MEDIA_TYPE: 'apply.photo.errors.type',
  UNPROCESSABLE: 'apply.photo.errors.unreadable',
  PAYLOAD_TOO_LARGE: 'apply.photo.errors.tooLarge',
  RATE_LIMITED: 'apply.photo.errors.rateLimited',
};

export function supplementProblems(v: FormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!v.message) problems.push({ field: 'message', key: 'supplement.message.required' });
  else if (v.message.length > 2000) problems.push({ field: 'message', key: 'supplement.message.tooLong' });
  if (v.healthCertificateNumber && !CERTIFICATE_NUMBER.test(v.healthCertificateNumber)) {
    problems.push({ field: 'healthCertificateNumber', key: 'apply.health.format' });
  }
  return problems;
}

/** Answering the office's request for information from the status page (the checks then run again). */
@Injectable()
export class Supplements {
  constructor(
    private readonly actions: CitizenActionsService,
    private readonly uploads: UploadsService,
  ) {}

  async answer(
    user: AuthUser,
    applicationId: string,
    v: FormValues,
    photo: Buffer | null,
    ip: string,
  ): Promise<FieldProblem[]> {
    const problems = supplementProblems(v);
    if (problems.length) return problems;
    try {
      const upload = photo ? await this.uploads.accept(photo, user.id) : null;
      await this.actions.supplement(
        user,
        applicationId,
        {
          message: v.message,
          ...(upload ? { photoUploadId: upload.id } : {}),
          ...(v.healthCertificateNumber
            ? { healthCertificateNumber: v.healthCertificateNumber.toUpperCase() }
            : {}),
        },
        ip,
      );
      return [];
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'CONFLICT') return [{ field: 'message', key: 'supplement.errors.notAsked' }];
      const photoKey = PHOTO_ERRORS[error.code];
      if (photoKey) return [{ field: 'photo', key: photoKey }];
      throw error;
    }
  }
}
