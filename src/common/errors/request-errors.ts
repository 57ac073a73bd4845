import { MAX_JSON_DEPTH } from '../input/json-depth';
import { DomainError, ErrorCode } from './domain-error';

/**
 * Errors raised while a request is read, before our code runs (Fastify's body parsers and URL
 * router, @fastify/multipart and busboy), translated into our codes with a sentence a person can
 * act on. Their own messages are not shown: they may quote the body.
 */
const BY_CODE: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['MALFORMED_BODY', 'The body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    'MALFORMED_BODY',
    'The body is empty although Content-Type says JSON: send a JSON document or no Content-Type.',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    'MALFORMED_BODY',
    'The body is not as long as its Content-Length header says.',
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'The body is larger than this service accepts (1 MB).'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'UNSUPPORTED_MEDIA_TYPE',
    'This Content-Type is not accepted here: send application/json (or multipart/form-data for uploads).',
  ],
  FST_ERR_CTP_INVALID_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'The Content-Type header is not valid.'],
  FST_ERR_CTP_EMPTY_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'The Content-Type header is empty.'],
  FST_ERR_BAD_URL: [
    'BAD_REQUEST',
    'The address is not valid: it holds a broken percent-encoding or invalid UTF-8.',
  ],
  FST_ERR_MAX_PARAM_LENGTH: ['BAD_REQUEST', 'A part of the address is too long.'],
  JSON_TOO_DEEP: [
    'MALFORMED_BODY',
    `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep; no request of this service needs that.`,
  ],
  FST_PARTS_LIMIT: ['PAYLOAD_TOO_LARGE', 'The form has too many parts.'],
  FST_FILES_LIMIT: ['PAYLOAD_TOO_LARGE', 'The form has too many files: send one.'],
  FST_FIELDS_LIMIT: ['PAYLOAD_TOO_LARGE', 'The form has too many fields.'],
  FST_REQ_FILE_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'The file is larger than the limit.'],
  FST_PROTO_VIOLATION: ['MALFORMED_BODY', 'A form field has a name that is not allowed.'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'Send the form as multipart/form-data.'],
  FST_INVALID_JSON_FIELD_ERROR: ['MALFORMED_BODY', 'A form field declared as JSON is not valid JSON.'],
  FST_MP_PREMATURE_CLOSE: ['MALFORMED_BODY', 'The form ended before it was complete.'],
};

/** busboy's own errors are plain Errors, known only by their message. */
const MULTIPART_MESSAGES = [
  /^Unexpected end of (multipart data|form)$/,
  /^Multipart: Boundary not found$/,
  /^Malformed (part header|urlencoded form)/,
  /^Boundary required$/,
];

const isProtoPoisoning = (message: string) =>
  /^Object contains forbidden prototype property$|^Object contains forbidden constructor property$/.test(
    message,
  );

/** The DomainError for an error raised while reading the request, or undefined when it is not one. */
export function fromRequestError(error: unknown): DomainError | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, message, statusCode } = error as { code?: unknown; message?: unknown; statusCode?: unknown };
  if (typeof code === 'string' && code in BY_CODE) {
    const [errorCode, detail] = BY_CODE[code];
    return new DomainError(errorCode, detail);
  }
  if (typeof message !== 'string') return undefined;
  if (MULTIPART_MESSAGES.some((pattern) => pattern.test(message))) {
    return new DomainError(
      'MALFORMED_BODY',
      'The multipart form is malformed or was cut off before its end.',
    );
  }
  if (isProtoPoisoning(message)) {
    return new DomainError(
      'MALFORMED_BODY',
      'The JSON body uses a field name that is not allowed (__proto__ or constructor).',
    );
  }
  // secure-json-parse's SyntaxError, marked 400 by Fastify's JSON parser.
  if (error instanceof SyntaxError && statusCode === 400) {
    return new DomainError('MALFORMED_BODY', 'The body is not valid JSON.');
  }
  return undefined;
}
