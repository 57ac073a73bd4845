import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildOpenApiDocument } from '../../src/openapi/openapi-document';

/**
 * Every response a test app sends is checked against the OpenAPI document the app serves: the route,
 * the status, the media type and the body (objects closed: a field the document does not name is a
 * drift too). test/support/openapi-contract.setup.ts runs the check after each test, so a response
 * that contradicts the document fails the test that provoked it.
 */
export interface Recorded {
  method: string;
  url: string;
  route: string | undefined;
  status: number;
  contentType: string | undefined;
  body: string | undefined;
}

type Schema = Record<string, unknown>;
type Responses = Record<string, { content?: Record<string, { schema?: Schema }> }>;

/** Outside the document: the web pages, static assets, Swagger UI, metrics text. */
const UNDOCUMENTED = /^\/(?!api\/v1\/|health\/)|^\/api\/docs/;
const DOC_ID = 'openapi.json';

const recorders = new Set<ContractRecorder>();

export class ContractRecorder {
  private recorded: Recorded[] = [];
  private readonly validators = new Map<string, ValidateFunction>();
  private ajv?: Ajv;

  constructor(private readonly document: OpenAPIObject) {}

  record(entry: Recorded): void {
    this.recorded.push(entry);
  }

  /** Checks what was recorded since the last call; returns one line per contradiction. */
  check(): string[] {
    const entries = this.recorded;
    this.recorded = [];
    return entries.flatMap((entry) => {
      const problem = this.contradiction(entry);
      return problem ? [`${entry.method} ${entry.url} → ${entry.status}: ${problem}`] : [];
    });
  }

  /** Why one response contradicts the document, or null when it agrees (or is outside it). */
  contradiction(entry: Recorded): string | null {
    if (!entry.route || UNDOCUMENTED.test(entry.route) || entry.method === 'HEAD') return null;
    const document = this.document;
    const path = entry.route.replace(/:(\w+)/g, '{$1}');
    const operation = document.paths[path]?.[entry.method.toLowerCase() as 'get'];
    if (!operation) return `the route ${entry.method} ${path} is not in the document`;
    const responses = operation.responses as Responses;
    const key = [String(entry.status), `${String(entry.status)[0]}XX`, 'default'].find((k) => responses[k]);
    if (!key)
      return `status ${entry.status} is not documented (documented: ${Object.keys(responses).join(', ')})`;
    const content = responses[key].content;
    if (!entry.body) return null;
    const mediaType = (entry.contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!content) return `a ${mediaType} body where the document says there is none`;
    const documented = content[mediaType];
    if (!documented)
      return `media type ${mediaType} is not documented (documented: ${Object.keys(content).join(', ')})`;
    if (!/json/.test(mediaType) || !documented.schema) return null;
    const validate = this.validator(`${path} ${entry.method} ${key} ${mediaType}`, documented.schema);
    if (validate(JSON.parse(entry.body))) return null;
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    return `the body contradicts the schema: ${errors.join('; ')}\n    body: ${entry.body.slice(0, 600)}`;
  }

  private validator(key: string, schema: Schema): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      this.ajv ??= this.createAjv();
      validate = this.ajv.compile(toJsonSchema(schema) as Schema);
      this.validators.set(key, validate);
    }
    return validate;
  }

  private createAjv(): Ajv {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('binary', true);
    ajv.addSchema({ $id: DOC_ID, components: toJsonSchema(this.document.components ?? {}) });
    return ajv;
  }
}

/**
 * OpenAPI 3.0 schemas as plain JSON Schema: `nullable` becomes a null type, references point into the
 * document registered with ajv, and objects that list their properties admit no others.
 */
export function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (!value || typeof value !== 'object') return value;
  const { nullable, example: _example, ...rest } = value as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(rest)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? DOC_ID + v : toJsonSchema(v);
  }
  if (out.properties && typeof out.properties === 'object' && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (nullable !== true) return out;
  // `nullable` beside a composition (Nest's nullable class property) allows null besides the whole of it.
  const composed = ['allOf', 'anyOf', 'oneOf', '$ref'].some((k) => k in out);
  if (typeof out.type === 'string' && !composed) {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** Records every response of a test app for the check after each test. */
export function recordResponsesForContract(app: NestFastifyApplication): void {
  const recorder = new ContractRecorder(buildOpenApiDocument(app));
  recorders.add(recorder);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply, payload) => {
      recorder.record({
        method: request.method,
        url: request.url,
        route: request.routeOptions.url,
        status: reply.statusCode,
        contentType: reply.getHeader('content-type') as string | undefined,
        body:
          typeof payload === 'string'
            ? payload
            : Buffer.isBuffer(payload)
              ? payload.toString('utf8')
              : undefined,
      });
      return payload;
    });
}

/** Throws, listing each response since the last call that contradicts its app's document. */
export function assertResponsesMatchDocument(): void {
  const failures = [...recorders].flatMap((r) => r.check());
  if (failures.length) {
    throw new Error(
      `${failures.length} response(s) contradict the OpenAPI document (fix the document or the route):\n` +
        failures.slice(0, 20).join('\n'),
    );
  }
}
