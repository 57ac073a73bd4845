import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { Environment } from '../config/environment';
import type { StoredPhoto } from '../uploads/photo-storage';
import { UploadsService } from '../uploads/uploads.service';
import { StaffCasesRepository } from './staff-cases.repository';

/** The applicant's portrait, for staff of the case's province only (null when not theirs to see). */
@Injectable()
export class CasePhotoQuery {
  constructor(
    private readonly cases: StaffCasesRepository,
    private readonly uploads: UploadsService,
    private readonly env: Environment,
  ) {}

  async find(user: AuthUser, applicationId: string): Promise<StoredPhoto | null> {
    const c = await this.cases.find(user, applicationId, this.env.CLAIM_TTL_MINUTES);
    const photoId = c ? await this.cases.photoOf(applicationId) : null;
    return photoId ? this.uploads.getPhoto(photoId) : null;
  }
}
