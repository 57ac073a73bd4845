import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors/domain-error';
import { PHOTO_MAX_BYTES } from './photo-rules';

const missingFile = () =>
  new DomainError('VALIDATION_FAILED', 'Send the photo as multipart/form-data in the field "file".', {
    errors: [{ field: 'file', message: 'file is required' }],
  });

const tooLarge = () =>
  new DomainError(
    'PAYLOAD_TOO_LARGE',
    `The photo is larger than ${PHOTO_MAX_BYTES / 1024 / 1024} MB; send a smaller JPEG or PNG.`,
  );

const hasCode = (error: unknown, code: string) => (error as { code?: unknown })?.code === code;

/**
 * Reads the one file of a multipart upload into memory, stopping one byte past the limit, so a huge
 * upload is refused without being held. The declared name and type are ignored: the content decides.
 */
export async function readPhotoFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw missingFile();
  let part: MultipartFile | undefined;
  try {
    part = await request.file({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 10, parts: 12 } });
  } catch (error) {
    if (hasCode(error, 'FST_FILES_LIMIT') || hasCode(error, 'FST_PARTS_LIMIT')) {
      throw new DomainError('BAD_REQUEST', 'Send one photo per upload.');
    }
    throw error;
  }
  if (!part || part.fieldname !== 'file') throw missingFile();
  try {
    return await part.toBuffer();
  } catch (error) {
    if (hasCode(error, 'FST_REQ_FILE_TOO_LARGE')) throw tooLarge();
    throw error;
  }
}
