import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { controlCharacterError, findControlCharacter } from '../../common/input/control-characters';
import { PHOTO_MAX_BYTES } from '../../uploads/photo-rules';
import { CSRF_FIELD, CsrfRefused, CsrfVerifier } from './csrf';

export interface MultipartForm {
  fields: Record<string, string>;
  /** The chosen file's bytes; null when the form was sent without one. */
  file: Buffer | null;
}

const hasCode = (error: unknown, code: string) => (error as { code?: unknown })?.code === code;

/**
 * Reads a multipart form that carries at most one file (field `fileField`). Browsers send the parts in
 * the order of the form, and our forms put the CSRF token first: it is verified before a byte of the
 * file is read, so a forged upload never reaches the photo code.
 */
export async function readMultipartForm(
  request: FastifyRequest,
  reply: FastifyReply,
  verifier: CsrfVerifier,
  fileField: string,
): Promise<MultipartForm> {
  if (!request.isMultipart()) throw new CsrfRefused();
  const fields: Record<string, string> = {};
  let file: Buffer | null = null;
  let verified = false;
  const verify = async () => {
    if (verified) return;
    await verifier.verify(request, reply, fields[CSRF_FIELD] ?? '');
    verified = true;
  };
  const parts = request.parts({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 20, parts: 22 } });
  for await (const part of parts) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    await verify();
    if (part.fieldname !== fileField || !part.filename) {
      part.file.resume(); // an empty file input, or a field we did not ask for: drained, ignored
      continue;
    }
    try {
      const bytes = await part.toBuffer();
      file = bytes.length > 0 ? bytes : null;
    } catch (error) {
      if (hasCode(error, 'FST_REQ_FILE_TOO_LARGE')) {
        throw new DomainError('PAYLOAD_TOO_LARGE', 'The photo is larger than the limit.');
      }
      throw error;
    }
  }
  await verify();
  // A multipart body is read here, after the global control-character guard ran: check it the same way.
  const field = findControlCharacter(fields, '', true);
  if (field) throw controlCharacterError(field);
  return { fields, file };
}
