import type { PhotoContentType } from './photo-rules';

export interface NewPhoto {
  ownerCitizenId: string;
  contentType: PhotoContentType;
  bytes: Buffer;
  width: number;
  height: number;
  sha256: Buffer;
}

export interface StoredPhoto extends NewPhoto {
  id: string;
  size: number;
  createdAt: Date;
  usedAt: Date | null;
  usedByApplicationId: string | null;
}

/**
 * Where photo bytes live. The default (PostgresPhotoStorage) keeps them in the uploads table next to
 * their metadata. An object store would implement this too (writing the metadata row to uploads and the
 * bytes elsewhere, with a migration letting uploads.bytes be null) and be bound in UploadsModule:
 *   { provide: PHOTO_STORAGE, useClass: ObjectStorePhotoStorage }
 * Ownership and single use are tracked on the uploads row either way (UploadsService).
 */
export interface PhotoStorage {
  put(photo: NewPhoto): Promise<StoredPhoto>;
  /** With the bytes; null when there is no such photo. */
  get(id: string): Promise<StoredPhoto | null>;
}

export const PHOTO_STORAGE = Symbol('PHOTO_STORAGE');
