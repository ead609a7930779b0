/**
 * The operations of the served OpenAPI document, for HTTP tests that must cover every route without listing them, and
 * the check that an error response has the one shape every 4xx carries.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '@henji/contracts';
import type { App } from '../../src/http/context.ts';
import { statusOf } from '../../src/http/errors.ts';

/** The subset of JSON Schema (as emitted by zod for OpenAPI 3.1) that the tests read. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

const JsonSchema: z.ZodType<JsonSchema> = z.lazy(() =>
  z
    .object({
      $ref: z.string().optional(),
      type: z.union([z.string(), z.array(z.string())]).optional(),
      properties: z.record(z.string(), JsonSchema).optional(),
      required: z.array(z.string()).optional(),
      additionalProperties: z.union([z.boolean(), JsonSchema]).optional(),
      items: JsonSchema.optional(),
      anyOf: z.array(JsonSchema).optional(),
      oneOf: z.array(JsonSchema).optional(),
      allOf: z.array(JsonSchema).optional(),
      enum: z.array(z.unknown()).optional(),
      const: z.unknown().optional(),
      format: z.string().optional(),
      pattern: z.string().optional(),
      minLength: z.number().optional(),
      maxLength: z.number().optional(),
      minimum: z.number().optional(),
      maximum: z.number().optional(),
      minItems: z.number().optional(),
      maxItems: z.number().optional(),
    })
    .loose(),
);

const Parameter = z.object({
  in: z.enum(['path', 'query', 'header', 'cookie']),
  name: z.string(),
  required: z.boolean().optional(),
  schema: JsonSchema,
  /** A well-formed value the document offers (a calendar feed's token). */
  example: z.unknown().optional(),
});
export type Parameter = z.infer<typeof Parameter>;

const OperationObject = z
  .object({
    parameters: z.array(Parameter).optional(),
    requestBody: z
      .object({ required: z.boolean().optional(), content: z.record(z.string(), z.object({ schema: JsonSchema.optional() })) })
      .optional(),
    security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
  })
  .loose();

const Document = z.object({
  openapi: z.string(),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.object({ schemas: z.record(z.string(), JsonSchema).optional() }).loose().optional(),
});

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface Operation {
  /** "METHOD /path/{param}", as the authorization table keys it. */
  key: string;
  method: HttpMethod;
  /** The OpenAPI path, with `{name}` placeholders. */
  path: string;
  pathParams: Parameter[];
  query: Parameter[];
  /** The JSON body schema, or null when the operation takes no JSON body. */
  jsonBody: JsonSchema | null;
  /** The document marks the request body as required. */
  bodyRequired: boolean;
  /** Needs no sign-in (`security: []`): an anonymous caller gets what the administrator gets. */
  open: boolean;
  /** The body is a multipart/form-data upload. */
  multipart: boolean;
}

export interface ApiDocument {
  operations: Operation[];
  /** Follows `#/components/schemas/…` references (the document's input schemas are inline today; later ones may not be). */
  resolve(schema: JsonSchema): JsonSchema;
}

/** Loads GET /api/openapi.json from the app itself. */
export async function loadApiDocument(app: App): Promise<ApiDocument> {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode, 'GET /api/openapi.json').toBe(200);
  const doc = Document.parse(res.json());
  const components = doc.components?.schemas ?? {};
  const resolve = (schema: JsonSchema): JsonSchema => {
    let current = schema;
    for (let depth = 0; current.$ref && depth < 20; depth++) {
      const name = current.$ref.replace(/^#\/components\/schemas\//, '');
      const target = components[name];
      if (!target) throw new Error(`unresolvable $ref ${current.$ref}`);
      current = target;
    }
    return current;
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [lower, raw] of Object.entries(item)) {
      const method = lower.toUpperCase();
      if (!isHttpMethod(method)) continue;
      const op = OperationObject.parse(raw);
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const json = content['application/json'];
      operations.push({
        key: `${method} ${path}`,
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        jsonBody: json ? resolve(json.schema ?? {}) : null,
        bodyRequired: op.requestBody?.required === true,
        multipart: 'multipart/form-data' in content,
        open: op.security !== undefined && op.security.length === 0,
      });
    }
  }
  operations.sort((a, b) => a.key.localeCompare(b.key));
  return { operations, resolve };
}

const isHttpMethod = (m: string): m is HttpMethod => (HTTP_METHODS as readonly string[]).includes(m);

/**
 * A value for a placeholder nobody named: the uuid of nothing, for a date parameter (a calendar day) a valid date, and
 * for a parameter whose schema gives an example (a calendar feed's token) that example — well-formed, matching nothing.
 */
function placeholderValue(op: Partial<Pick<Operation, 'pathParams'>>, name: string): string {
  const param = op.pathParams?.find((p) => p.name === name);
  if (typeof param?.example === 'string') return param.example;
  const schema = param?.schema;
  // A number in the path (a minutes version) gets a number, so the probe reaches the route instead of its validation.
  return schema?.format === 'date' ? '2031-01-01' : schema?.type === 'integer' || schema?.type === 'number' ? '1' : randomUUID();
}

/** The concrete URL of an operation: placeholders filled (URL-encoded) and an optional query string. */
export function urlOf(op: Pick<Operation, 'path'> & Partial<Pick<Operation, 'pathParams'>>, params: Record<string, string> = {}, query = ''): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? placeholderValue(op, name)));
  return query ? `${path}?${query}` : path;
}

/** Does a concrete path match one of the document's path templates? */
export function matchesTemplate(templates: readonly string[], path: string): boolean {
  const segments = path.split('/');
  return templates.some((t) => {
    const parts = t.split('/');
    return parts.length === segments.length && parts.every((p, i) => (/^\{\w+\}$/.test(p) ? segments[i] !== '' : p === segments[i]));
  });
}

const ErrorResponse = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string().min(1),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

const Fields = z.record(z.string(), z.array(z.string()).min(1));

/**
 * Asserts that a response is a 4xx carrying `{ code, message, details? }` with a known code whose status is the one
 * the error mapping gives it, and that validation errors name their fields. Returns the parsed body.
 */
export function expectClientError(res: LightMyRequestResponse, label: string, codes?: readonly ErrorCode[]): ErrorResponse {
  const where = `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, where).toBeLessThan(500);
  expect(String(res.headers['content-type']), where).toMatch(/^application\/json/);
  let json: unknown;
  expect(() => (json = JSON.parse(res.body)), where).not.toThrow();
  const parsed = ErrorResponse.safeParse(json);
  expect(parsed.success, `${where}: ${parsed.error?.message ?? ''}`).toBe(true);
  const body = parsed.data!;
  expect(statusOf(body.code), where).toBe(res.statusCode);
  if (codes) expect(codes, where).toContain(body.code);
  if (body.code === 'validation_failed') expect(Fields.safeParse(body.details?.fields).success, `${where}: details.fields`).toBe(true);
  return body;
}

/** The field names a validation error reports. */
export const fieldsOf = (body: ErrorResponse): string[] => Object.keys(Fields.parse(body.details?.fields ?? {}));
