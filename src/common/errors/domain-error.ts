/**
 * Every failure the service means to report carries a code from this table; the problem-details
 * filter turns it into the HTTP status and title. Add a code here, never a bare HttpException.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  BAD_REQUEST: { status: 400, title: 'The request cannot be processed' },
  MALFORMED_BODY: { status: 400, title: 'The request body cannot be read' },
  UNAUTHENTICATED: { status: 401, title: 'Sign-in required' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONFLICT: { status: 409, title: 'Conflict with the current state' },
  STALE_VERSION: { status: 409, title: 'The case has changed since you loaded it' },
  IDEMPOTENCY_IN_FLIGHT: {
    status: 409,
    title: 'A request with this Idempotency-Key is still being processed',
  },
  IDEMPOTENCY_MISMATCH: {
    status: 422,
    title: 'This Idempotency-Key was already used with a different request',
  },
  UNPROCESSABLE: { status: 422, title: 'The request cannot be carried out' },
  INELIGIBLE: { status: 422, title: 'The records do not allow this application online' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request or upload is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content or file type' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'The service is temporarily unavailable' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** A sentence the person reading it can act on. */
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found.`);
