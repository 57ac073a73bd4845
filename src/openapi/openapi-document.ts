import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ResponseObject } from '@nestjs/swagger';
import { ProblemDetailsDto } from './problem-details.dto';
import { applyValidationConstraints } from './validation-constraints';

const JWT =
  'The access token from sign-in or refresh: an HS256 JWT, checked as RFC8725 advises (the algorithm is ' +
  'fixed, expiry is required). The account is re-read on every request and its role decides the route.';

const TAGS: Record<string, string> = {
  public: 'Open to anyone',
  health: 'Liveness and readiness probes',
  auth: 'Accounts, sign-in and tokens',
  citizens: 'Citizen uploads',
  'citizen applications': "A citizen's own applications",
  payments: 'Payment provider callbacks and the local simulator',
  staff: 'Provincial staff: the work queue, cases, decisions and alerts',
  'staff applications': 'Provincial staff: handing over cards at the office',
  'postal partner': 'The postal partner: claim, pick up, report, reconcile',
  statistics: 'Staff and public statistics',
  audit: 'The audit log, for auditors',
  admin: 'Administration: staff accounts, postal partners, province policies',
  operations: 'Prometheus metrics',
};

const PROBLEM_REF = `#/components/schemas/${ProblemDetailsDto.name}`;
const EXAMPLE_ERROR_ID = '3b0c1f7e-8d5a-4f0e-9a43-2f1d9c6b7e10';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * The OpenAPI document of the application's routes. Needs only the assembled app (no database or
 * Redis connection: `npm run openapi:lint` builds it from an app created in preview mode).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  applyValidationConstraints();
  const builder = new DocumentBuilder()
    .setTitle('Online driving-licence renewal')
    .setDescription(
      'Citizens apply and pay online; staff decide; the postal partner returns the card. Errors are RFC 9457 ' +
        'problem details (application/problem+json). Times are ISO 8601 UTC; money in whole VND.',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: JWT }, 'bearer')
    .addApiKey(
      {
        type: 'apiKey',
        name: 'X-Api-Key',
        in: 'header',
        description: 'A postal partner key issued by an admin',
      },
      'postal-partner',
    )
    .addApiKey(
      {
        type: 'apiKey',
        name: 'X-Signature',
        in: 'header',
        description:
          'hex(HMAC-SHA256(PAYMENT_CALLBACK_SECRET, raw request body)), sent by the payment provider',
      },
      'payment-signature',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'METRICS_TOKEN, required when it is set',
      },
      'metrics-token',
    );
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [ProblemDetailsDto] });
  return completeOperations(document);
}

/**
 * What holds for every operation, added once here rather than on each route: problems travel as
 * application/problem+json, any route may answer 500, and a route without a security requirement says
 * explicitly that it needs no credentials (reads only: an empty requirement on a write would not
 * be told apart from a forgotten one).
 */
export function completeOperations(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) continue;
      const responses = operation.responses as Record<string, ResponseObject>;
      for (const [status, response] of Object.entries(responses)) {
        // A problem is JSON whatever the route produces when it succeeds (a photo, metrics text).
        const problem = Object.values(response.content ?? {}).find(
          (media) => (media.schema as { $ref?: string } | undefined)?.$ref === PROBLEM_REF,
        );
        if (Number(status) >= 400 && problem) {
          response.content = { 'application/problem+json': problem };
        }
      }
      responses['500'] ??= {
        description: 'Something went wrong on our side; the error was logged with `errorId`.',
        content: {
          'application/problem+json': {
            schema: { $ref: PROBLEM_REF },
            example: {
              type: 'urn:problem:internal-error',
              title: 'Something went wrong on our side',
              status: 500,
              detail: `The error was logged with id ${EXAMPLE_ERROR_ID}. Please try again later, quoting that id if you contact us.`,
              instance: '/api/v1/applications',
              code: 'INTERNAL_ERROR',
              errorId: EXAMPLE_ERROR_ID,
            },
          },
        },
      };
      // A read open to anyone says so; open writes (sign-in, callbacks) are listed in .spectral.yaml.
      if (method === 'get') operation.security ??= [{}];
    }
  }
  return document;
}
