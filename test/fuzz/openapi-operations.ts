/** The operations of the service's own OpenAPI document, with the schemas they take, resolved. */
export interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  method: string;
  /** The template, e.g. /api/v1/applications/{id} */
  path: string;
  parameters: Parameter[];
  /** The schema of a JSON body, when it takes one. */
  jsonBody?: JsonSchema;
  /** Multipart form fields, when it takes one. */
  multipart?: JsonSchema;
  /** Security scheme names ('bearer', 'postal-partner'); empty for public routes. */
  security: string[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface RawOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: Record<string, unknown>[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Replaces every $ref (and allOf of one) by the schema it names; cycles stop at depth 8. */
export function resolveSchema(
  doc: OpenApiDocument,
  schema: JsonSchema | undefined,
  depth = 0,
): JsonSchema | undefined {
  if (!schema || depth > 8) return schema;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolveSchema(doc, doc.components?.schemas?.[name], depth + 1);
  }
  if (schema.allOf?.length === 1) return resolveSchema(doc, { ...schema.allOf[0] }, depth + 1);
  const resolved: JsonSchema = { ...schema };
  if (schema.properties) {
    resolved.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, resolveSchema(doc, v, depth + 1) ?? {}]),
    );
  }
  if (schema.items) resolved.items = resolveSchema(doc, schema.items, depth + 1);
  return resolved;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const content = raw.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: (raw.parameters ?? []).map((p) => ({ ...p, schema: resolveSchema(doc, p.schema) })),
        jsonBody: content['application/json']
          ? (resolveSchema(doc, content['application/json'].schema) ?? {})
          : undefined,
        multipart: content['multipart/form-data']
          ? (resolveSchema(doc, content['multipart/form-data'].schema) ?? {})
          : undefined,
        security: (raw.security ?? []).flatMap((s) => Object.keys(s)),
      });
    }
  }
  return operations;
}
