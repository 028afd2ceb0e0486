// GET /api/v1/openapi.json: the API described from the same zod schemas that validate its requests (zod 4's
// toJSONSchema; JSON Schema 2020-12 is OpenAPI 3.1's dialect). Named schemas (.meta({ id })) become components.
import { z } from "zod";
import { configPaths } from "./config-openapi";
import { ApiOrder, ApiOrderQuery, ApiReceipt } from "./orders";
import { MAX_DB_INT } from "./params";
import { EventBatch, PreviewRequest, RESOURCES, StartRunRequest, batchSchema, listQuery, runDeliveriesQuery, type Resource } from "./schemas";

type Json = Record<string, unknown>;

const ID_SCHEMA = { type: "integer", minimum: 1, maximum: MAX_DB_INT };
const KEY_SCHEMA = { type: "string", minLength: 1, maxLength: 1000, pattern: "^[^\\u0000]*$" };

const KEYS: Record<Resource, string> = {
  categories: "code", groups: "code", patrons: "cardNumber", items: "barcode", loans: "externalId",
  reservations: "externalId", charges: "externalId", suppliers: "code",
};

function buildDocument() {
  const components: Record<string, unknown> = {};
  const schemaOf = (schema: z.ZodType, io: "input" | "output" = "input"): Json => {
    const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json & { $defs?: Record<string, unknown> };
    const { $defs, ...rest } = json;
    delete rest.$schema;
    Object.assign(components, $defs ?? {});
    return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
  };
  const queryParams = (schema: z.ZodObject) => {
    const json = schemaOf(schema) as { properties?: Record<string, Json>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: "query", required: json.required?.includes(name) ?? false, schema: s }));
  };
  const error = { description: "Refused: `error` says why, `fields` names each field and reason", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  const errors = {
    400: { ...error, description: "The body is not JSON" }, 401: { ...error, description: "No token, or an unknown or revoked one" },
    403: { ...error, description: "A read-only token asked to write" }, 404: { ...error, description: "No such record or resource" },
    409: { ...error, description: "A unique key belongs to another record" }, 413: { ...error, description: "The body is too large" },
    422: { ...error, description: "Invalid input, nothing written" }, 429: { ...error, description: "Rate limit: retry after the Retry-After header's seconds" },
  };
  const ok = (description: string) => ({ 200: { description, content: { "application/json": { schema: { type: "object" } } } }, ...errors });
  const body = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema: schemaOf(schema) } } });

  const paths: Record<string, unknown> = {};
  for (const [resource, { label }] of Object.entries(RESOURCES) as [Resource, (typeof RESOURCES)[Resource]][]) {
    paths[`/api/v1/${resource}`] = {
      get: { summary: `List ${label}`, tags: [resource], parameters: queryParams(listQuery), responses: ok("{ items, next }: `next` is the cursor for `after`, null on the last page") },
    };
    paths[`/api/v1/${resource}/batch`] = {
      post: { summary: `Upsert ${label} by ${KEYS[resource]}, all or nothing`, tags: [resource], requestBody: body(batchSchema(resource)), responses: ok("{ resource, created, updated }") },
    };
    paths[`/api/v1/${resource}/{key}`] = {
      get: { summary: `One of the ${label} by ${KEYS[resource]}`, tags: [resource], parameters: [{ name: "key", in: "path", required: true, schema: KEY_SCHEMA }], responses: ok("the record") },
    };
  }
  paths["/api/v1/patrons/{key}/notices"] = {
    get: { summary: "A patron's notices and deliveries, newest first", tags: ["patrons"], parameters: [{ name: "key", in: "path", required: true, schema: KEY_SCHEMA, description: "card number" }], responses: ok("{ cardNumber, notices, deliveries }") },
  };
  paths["/api/v1/events"] = {
    post: { summary: "Circulation events, applied in order, all or none", tags: ["events"], requestBody: body(EventBatch), responses: ok("{ applied, byType }") },
  };
  paths["/api/v1/notices/preview"] = {
    get: { summary: "What a run on a date would send now (writes nothing)", tags: ["notices"], parameters: queryParams(PreviewRequest), responses: ok("totals, per scenario, deliveries") },
  };
  paths["/api/v1/notices/runs"] = {
    post: { summary: "Start a run for a date now (replay); sends only what was never sent", tags: ["notices"], requestBody: body(StartRunRequest), responses: { 201: { description: "{ runId, notices, deliveries }" }, ...errors } },
  };
  paths["/api/v1/notices/runs/{id}/deliveries"] = {
    get: { summary: "A run's deliveries, a page at a time (optionally of one status)", tags: ["notices"], parameters: [{ name: "id", in: "path", required: true, schema: ID_SCHEMA }, ...queryParams(runDeliveriesQuery)], responses: ok("{ items, next }") },
  };
  paths["/api/v1/notices/runs/{id}"] = {
    get: { summary: "A run's progress: its deliveries by status", tags: ["notices"], parameters: [{ name: "id", in: "path", required: true, schema: ID_SCHEMA }], responses: ok("the run") },
  };
  const orderNumber = { name: "number", in: "path", required: true, schema: { type: "string", minLength: 1, maxLength: 40, pattern: "^[A-Za-z0-9][A-Za-z0-9/_.-]*$" } };
  paths["/api/v1/orders"] = {
    get: { summary: "Purchase orders, newest first, optionally of one status", tags: ["orders"], parameters: queryParams(ApiOrderQuery), responses: ok("{ items, next }: `next` is the cursor for `after`, null on the last page") },
  };
  paths["/api/v1/orders/{number}"] = {
    get: { summary: "One purchase order with its lines, received copies and totals", tags: ["orders"], parameters: [orderNumber], responses: ok("the order, with the emails sent to the supplier about it (order, claims) and their outcome") },
    put: { summary: "Create a draft order under this number, or replace a draft's lines (a sent order is 409)", tags: ["orders"], parameters: [orderNumber], requestBody: body(ApiOrder), responses: ok("{ created, order }") },
  };
  paths["/api/v1/orders/{number}/receipts"] = {
    post: { summary: "Copies received so far per line (totals, never above the quantity ordered); moves a sent order to partly received or received", tags: ["orders"], parameters: [orderNumber], requestBody: body(ApiReceipt), responses: ok("the order") },
  };
  Object.assign(paths, configPaths({ schemaOf, queryParams, errors }));

  return {
    openapi: "3.1.0",
    info: {
      title: "Noticeboard API",
      version: "1",
      description: "Patrons, items, loans, reservations, charges and suppliers in; notices out; the library's configuration (scenarios, settings, branches, patron lists) read and written under /api/v1/config. Authenticate with an API token made in Settings: `Authorization: Bearer nb_...`. Read tokens may GET; read-write tokens may also POST, PUT and DELETE.",
    },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        ...components,
        Error: { type: "object", required: ["error"], properties: { error: { type: "string" }, fields: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } } } },
      },
    },
  };
}

let cached: ReturnType<typeof buildDocument> | undefined;
export function openApiDocument() {
  return (cached ??= buildDocument());
}
