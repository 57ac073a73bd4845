import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { DomainError } from '../common/errors/domain-error';
import {
  dimensionProblems,
  PHOTO_MAX_BYTES,
  PHOTO_MAX_HEIGHT,
  PHOTO_MAX_WIDTH,
  PhotoContentType,
  photoTypeOf,
} from './photo-rules';

export interface ProcessedPhoto {
  contentType: PhotoContentType;
  bytes: Buffer;
  width: number;
  height: number;
  sha256: Buffer;
}

const unreadable = (type: string) =>
  new DomainError(
    'UNPROCESSABLE',
    `The file starts like a ${type} but cannot be read as one; export the photo again.`,
    {
      errors: [{ field: 'file', message: 'file is not a readable image' }],
    },
  );

/**
 * Checks an uploaded portrait and re-encodes it. The type comes from the content (magic bytes); the
 * header is read before any pixel is decoded, so an oversized image is refused without decoding it.
 * Re-encoding applies the EXIF rotation and drops all metadata (EXIF, GPS, XMP, comments).
 */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  if (input.length > PHOTO_MAX_BYTES) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `The photo is larger than ${PHOTO_MAX_BYTES / 1024 / 1024} MB.`,
    );
  }
  const contentType = photoTypeOf(input);
  if (!contentType) {
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      'The photo must be a JPEG or PNG image (judged by its content, not its name).',
      {
        errors: [{ field: 'file', message: 'file is neither JPEG nor PNG' }],
      },
    );
  }
  const kind = contentType === 'image/jpeg' ? 'JPEG' : 'PNG';
  const limitInputPixels = PHOTO_MAX_WIDTH * PHOTO_MAX_HEIGHT;
  const metadata = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw unreadable(kind);
    });
  const { width, height } = metadata.autoOrient;
  const problems = dimensionProblems(width, height);
  if (problems.length) {
    const detail = `The photo is ${width}×${height} pixels: ${problems.join('; ')}.`;
    throw new DomainError('UNPROCESSABLE', detail, {
      errors: [{ field: 'file', message: problems.join('; ') }],
      width,
      height,
    });
  }
  const pipeline = sharp(input, { limitInputPixels, failOn: 'error' }).autoOrient();
  const encoded =
    contentType === 'image/jpeg' ? pipeline.jpeg({ quality: 90 }) : pipeline.png({ compressionLevel: 9 });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true }).catch(() => {
    throw unreadable(kind);
  });
  return {
    contentType,
    bytes: data,
    width: info.width,
    height: info.height,
    sha256: createHash('sha256').update(data).digest(),
  };
}
