import fc from 'fast-check';
import { aimedAt, hostileJson, hostileString, rawBodies } from './hostile-values';
import { FuzzRequest, headerSafe, percentEncode } from './fuzz-request';
import type { JsonSchema, Operation } from './openapi-operations';

/** What the generated requests may draw on: real ids of the seeded world, who may call, personal data. */
export interface FuzzWorld {
  /** Real ids (applications, uploads, payments), so some requests reach past the not-found checks. */
  ids: string[];
  trackingNumbers: string[];
  /** Headers of each caller, anonymous included ({}). */
  callers: Record<string, Record<string, string>>;
  /** The seeded people's IDs, phones and names: sent in requests, never to be found in the logs. */
  personal: string[];
}

/** A value the schema allows (roughly), so requests also get past validation into the services. */
export function validValue(
  schema: JsonSchema | undefined,
  world: FuzzWorld,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.string({ maxLength: 10 });
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...world.ids), fc.uuid());
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'date')
    return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  switch (schema.type) {
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -5, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items, world, depth + 1), { maxLength: 3 });
    case 'object':
    case undefined:
      if (!schema.properties) return schema.type ? fc.constant({}) : fc.string({ maxLength: 10 });
      return fc.record(
        Object.fromEntries(
          Object.entries(schema.properties).map(([k, v]) => [k, fieldValue(k, v, world, depth + 1)]),
        ),
        { requiredKeys: schema.required?.filter((k) => k in (schema.properties ?? {})) ?? [] },
      );
    default:
      return schema.example !== undefined
        ? fc.oneof(fc.constant(schema.example), fc.string({ maxLength: 20 }))
        : fc.string({ maxLength: 20 });
  }
}

/** Mostly a valid value, sometimes a hostile one or one aimed at the field, so each gets its turn. */
function fieldValue(name: string, schema: JsonSchema | undefined, world: FuzzWorld, depth: number) {
  const aimed = aimedAt(name, schema?.format, world.ids);
  return fc.oneof(
    { weight: 4, arbitrary: validValue(schema, world, depth) },
    { weight: 1, arbitrary: hostileJson(world.personal) },
    ...(aimed ? [{ weight: 2, arbitrary: aimed as fc.Arbitrary<unknown> }] : []),
  );
}

/** A path or query value: valid, hostile, or a percent-encoding that is broken on purpose. */
function urlValue(
  name: string,
  schema: JsonSchema | undefined,
  world: FuzzWorld,
  extra: string[] = [],
): fc.Arbitrary<string> {
  const valid = validValue(schema, world).map((v) =>
    percentEncode(typeof v === 'string' ? v : JSON.stringify(v)),
  );
  const aimed = aimedAt(name, schema?.format, world.ids);
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    ...(aimed ? [{ weight: 4, arbitrary: aimed.map(percentEncode) }] : []),
    { weight: 3, arbitrary: hostileString(world.personal).map(percentEncode) },
    ...(extra.length ? [{ weight: 2, arbitrary: fc.constantFrom(...extra).map(percentEncode) }] : []),
    { weight: 1, arbitrary: fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%C0%AF', '%FF%FE', '%00', '%0D%0A') },
  );
}

function multipartBody(world: FuzzWorld): fc.Arbitrary<{ type: string; body: Buffer }> {
  const boundary = 'fuzzBoundary7MA4YWxk';
  const part = fc.record({
    name: fc.oneof(fc.constant('file'), hostileString()),
    filename: fc.option(fc.constantFrom('a.jpg', 'a.png', '', '../x', 'a\u0000.jpg')),
    bytes: fc.oneof(
      fc.uint8Array({ maxLength: 256 }),
      fc.constant(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])),
      fc.constant(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    ),
  });
  return fc
    .record({
      parts: fc.array(part, { minLength: 0, maxLength: 15 }),
      ending: fc.constantFrom('close', 'cut', 'none', 'garbage'),
      declared: fc.constantFrom(boundary, 'other', ''),
      extra: hostileString(world.personal),
    })
    .map(({ parts, ending, declared, extra }) => {
      const chunks = parts.map((p) =>
        Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${headerSafe(p.name)}"` +
              (p.filename === null ? '' : `; filename="${p.filename}"`) +
              '\r\nContent-Type: application/octet-stream\r\n\r\n',
            'latin1',
          ),
          Buffer.from(p.bytes),
          Buffer.from('\r\n'),
        ]),
      );
      const tail =
        ending === 'close'
          ? `--${boundary}--\r\n`
          : ending === 'garbage'
            ? extra
            : ending === 'cut'
              ? `--${boundary}`
              : '';
      const body = Buffer.concat([...chunks, Buffer.from(tail)]);
      return { type: declared ? `multipart/form-data; boundary=${declared}` : 'multipart/form-data', body };
    });
}

function jsonBody(schema: JsonSchema, world: FuzzWorld): fc.Arbitrary<{ type: string; body: Buffer }> {
  const json = fc.oneof(
    { weight: 4, arbitrary: validValue(schema, world).map((v) => Buffer.from(JSON.stringify(v))) },
    {
      weight: 2,
      arbitrary: hostileJson(world.personal).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
    },
    { weight: 1, arbitrary: rawBodies },
  );
  const type = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'application/json; charset=latin1',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'application/json; boundary=x',
        '',
      ),
    },
  );
  return fc.record({ type, body: json });
}

/** Requests for one operation of the document, from every caller. */
export function operationRequests(op: Operation, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');
  const params = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [
        p.name,
        urlValue(p.name, p.schema, world, p.name === 'trackingNumber' ? world.trackingNumbers : world.ids),
      ]),
    ),
  );
  // Mostly the declared parameters; now and then one the operation does not know.
  const query = fc.array(
    fc
      .oneof(
        {
          weight: 9,
          arbitrary: queryParams.length ? fc.constantFrom(...queryParams) : fc.constant(undefined),
        },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
      .chain((p) =>
        p
          ? urlValue(p.name, p.schema, world).map((v) => `${p.name}=${v}`)
          : fc
              .tuple(hostileString(), hostileString())
              .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`),
      ),
    { maxLength: queryParams.length ? 3 : 1 },
  );
  const headers = fc.record(
    Object.fromEntries(
      headerParams.map((p) => [
        p.name.toLowerCase(),
        fc.option(
          fc.oneof(validValue(p.schema, world).map(String), hostileString(world.personal)).map(headerSafe),
        ),
      ]),
    ),
  );
  const body = op.jsonBody
    ? fc.option(jsonBody(op.jsonBody, world), { freq: 8 })
    : op.multipart
      ? fc.option(multipartBody(world), { freq: 8 })
      : fc.option(jsonBody({ type: 'object' }, world), { freq: 1 });
  return fc
    .record({
      caller: fc.constantFrom(...Object.keys(world.callers)),
      params,
      query,
      headers,
      body,
      language: fc.option(fc.constantFrom('vi', 'en', 'en-US,en;q=0.5', '*', 'zz', headerSafe('\u00ff;q=x'))),
    })
    .map(({ caller, params, query, headers, body, language }) => {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'x');
      const all: Record<string, string> = { ...world.callers[caller] };
      for (const [k, v] of Object.entries(headers)) if (v !== null) all[k] = v;
      if (language !== null) all['accept-language'] = language;
      if (body?.type) all['content-type'] = body.type;
      return {
        method: op.method,
        path: query.length ? `${path}?${query.join('&')}` : path,
        headers: all,
        body: body?.body,
        label: `${op.method} ${op.path} as ${caller}`,
      };
    });
}
