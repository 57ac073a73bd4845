import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { RateLimiter } from '../auth/login/rate-limiter';
import { processPhoto } from './photo-processing';
import { PHOTO_STORAGE, PhotoStorage, StoredPhoto } from './photo-storage';
import { UploadDto } from './upload.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Uploads per citizen per hour: enough for retries, not enough to fill the database. */
const UPLOADS_PER_CITIZEN = { name: 'uploads', limit: 30, windowSeconds: 60 * 60 };

const unusable = (message: string) =>
  new DomainError('UNPROCESSABLE', `photoUploadId: ${message}`, {
    errors: [{ field: 'photoUploadId', message }],
  });

/** Portrait photos: accepted from citizens, claimed once by an application, shown to staff. */
const NOT_YOURS = 'no photo upload of yours has this id; upload the photo and use the id you get back';

/** An upload id that is not even a UUID names no upload of anyone's (and would not survive a cast). */
export function assertUploadId(uploadId: string): void {
  if (!UUID.test(uploadId)) throw unusable(NOT_YOURS);
}

@Injectable()
export class UploadsService {
  constructor(
    @Inject(PHOTO_STORAGE) private readonly storage: PhotoStorage,
    private readonly limiter: RateLimiter,
  ) {}

  async accept(file: Buffer, citizenId: string): Promise<UploadDto> {
    await this.limiter.enforce('Too many photo uploads.', [[UPLOADS_PER_CITIZEN, citizenId]]);
    const photo = await processPhoto(file);
    const stored = await this.storage.put({ ...photo, ownerCitizenId: citizenId });
    return {
      id: stored.id,
      contentType: stored.contentType,
      width: stored.width,
      height: stored.height,
      bytes: stored.size,
    };
  }

  /**
   * Marks the upload as used by an application, in the caller's transaction. Refused (422 naming
   * photoUploadId) when the upload is unknown, someone else's, or already used; someone else's is
   * reported exactly like an unknown one.
   */
  async claimForApplication(
    manager: EntityManager,
    uploadId: string,
    citizenId: string,
    applicationId: string,
  ): Promise<void> {
    assertUploadId(uploadId);
    const [claimed] = await manager.query<[{ id: string }[], number]>(
      `UPDATE uploads SET used_at = now(), used_by_application_id = $3
        WHERE id = $1 AND owner_citizen_id = $2 AND used_at IS NULL
        RETURNING id`,
      [uploadId, citizenId, applicationId],
    );
    if (claimed.length !== 1) await this.refuseUnclaimed(manager, uploadId, citizenId, applicationId);
  }

  /** Why an upload could not be claimed for the application: always throws (422 naming photoUploadId). */
  async refuseUnclaimed(
    manager: EntityManager,
    uploadId: string,
    citizenId: string,
    applicationId: string,
  ): Promise<never> {
    const [mine] = await manager.query<{ used_by_application_id: string | null }[]>(
      `SELECT used_by_application_id FROM uploads WHERE id = $1 AND owner_citizen_id = $2`,
      [uploadId, citizenId],
    );
    if (!mine) throw unusable(NOT_YOURS);
    throw unusable(
      mine.used_by_application_id === applicationId
        ? 'this photo is already attached to this application'
        : 'this photo was already used for another application; upload it again to use it here',
    );
  }

  /** The photo with its bytes, for staff views; null when there is none. */
  getPhoto(id: string): Promise<StoredPhoto | null> {
    if (!UUID.test(id)) return Promise.resolve(null);
    return this.storage.get(id);
  }
}
