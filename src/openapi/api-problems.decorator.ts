import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ERROR_CODES, ErrorCode } from '../common/errors/domain-error';
import { ProblemDetailsDto } from './problem-details.dto';

/** The error statuses a route may document; each one is a problem-details answer. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

/** What each status usually means here, and the code of its example. */
const DEFAULTS: Record<ProblemStatus, { description: string; code: ErrorCode; detail: string }> = {
  400: {
    description: 'The request is not valid: each field named in `errors`.',
    code: 'VALIDATION_FAILED',
    detail: 'limit: limit must not be greater than 100',
  },
  401: {
    description: 'No valid credentials, or the account is disabled or locked.',
    code: 'UNAUTHENTICATED',
    detail: 'Sign in again: your access token is missing, expired or no longer valid.',
  },
  403: {
    description: 'Signed in, but this role may not use the route.',
    code: 'FORBIDDEN',
    detail: 'Your role may not do this.',
  },
  404: {
    description: 'Not found (or not yours to see).',
    code: 'NOT_FOUND',
    detail: 'Application was not found.',
  },
  409: {
    description: 'Conflicts with the current state.',
    code: 'CONFLICT',
    detail: 'The case is claimed by someone else.',
  },
  413: {
    description: 'The body is too large.',
    code: 'PAYLOAD_TOO_LARGE',
    detail: 'The photo is larger than 5 MB.',
  },
  415: {
    description: 'Unsupported content type.',
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: 'Send a JPEG or PNG photo.',
  },
  422: {
    description: 'Understood, but cannot be carried out.',
    code: 'UNPROCESSABLE',
    detail: 'The request cannot be carried out.',
  },
  429: {
    description: 'Too many requests: wait as long as Retry-After says.',
    code: 'RATE_LIMITED',
    detail: 'Too many attempts. Try again after 10:15 UTC (in about 15 minutes).',
  },
  503: {
    description: 'A dependency is unavailable.',
    code: 'SERVICE_UNAVAILABLE',
    detail: 'Not ready: redis down.',
  },
};

const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86_400 },
  },
};

/** An example problem for a code, as the filter would send it. */
export function problemExample(code: ErrorCode, detail: string, extra: Record<string, unknown> = {}) {
  const { status, title } = ERROR_CODES[code];
  return {
    type: `urn:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail,
    instance: '/api/v1/applications',
    code,
    ...extra,
  };
}

export type ProblemSpec = ProblemStatus | { status: ProblemStatus; description: string };

/**
 * Documents the RFC 9457 problems a route can answer, e.g. `@ApiProblems(400, 404, { status: 409,
 * description: 'Claimed by someone else.' })`. Every operation also gets a 500 (added when the document
 * is built), and @Citizen()/@Staff()/@PostalPartner() add their 401 and 403.
 */
export function ApiProblems(...specs: ProblemSpec[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...specs.map((spec) => {
      const status = typeof spec === 'number' ? spec : spec.status;
      const defaults = DEFAULTS[status];
      const extra =
        status === 400
          ? { errors: [{ field: 'limit', message: 'limit must not be greater than 100' }] }
          : status === 429
            ? { retryAfterSeconds: 900, retryAt: '2026-12-01T10:15:00.000Z' }
            : {};
      return ApiResponse({
        status,
        description: typeof spec === 'number' ? defaults.description : spec.description,
        type: ProblemDetailsDto,
        example: problemExample(defaults.code, defaults.detail, extra),
        ...(status === 429 ? { headers: RETRY_AFTER } : {}),
      });
    }),
  );
}
