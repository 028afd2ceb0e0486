import fc from "fast-check";
import { Redis } from "ioredis";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getNotices } from "@/app/api/v1/[resource]/[key]/notices/route";
import { GET as getOne } from "@/app/api/v1/[resource]/[key]/route";
import { POST as batch } from "@/app/api/v1/[resource]/batch/route";
import { GET as list } from "@/app/api/v1/[resource]/route";
import { POST as events } from "@/app/api/v1/events/route";
import { GET as preview } from "@/app/api/v1/notices/preview/route";
import { GET as deliveries } from "@/app/api/v1/notices/runs/[id]/deliveries/route";
import { GET as run } from "@/app/api/v1/notices/runs/[id]/route";
import { POST as runs } from "@/app/api/v1/notices/runs/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { POST as orderReceipts } from "@/app/api/v1/orders/[number]/receipts/route";
import { GET as order, PUT as orderPut } from "@/app/api/v1/orders/[number]/route";
import { GET as orders } from "@/app/api/v1/orders/route";
import { DELETE as configEntryDelete, GET as configEntry, PUT as configEntryPut } from "@/app/api/v1/config/[list]/[code]/route";
import { GET as configList } from "@/app/api/v1/config/[list]/route";
import { DELETE as configClosedDaysDelete, GET as configClosedDays, POST as configClosedDaysPost } from "@/app/api/v1/config/branches/[code]/closed-days/route";
import { DELETE as configBranchDelete, GET as configBranch, PUT as configBranchPut } from "@/app/api/v1/config/branches/[code]/route";
import { GET as configBranches } from "@/app/api/v1/config/branches/route";
import { GET as configAll } from "@/app/api/v1/config/route";
import { GET as configScenario, PUT as configScenarioPut } from "@/app/api/v1/config/scenarios/[code]/route";
import { GET as configScenarios } from "@/app/api/v1/config/scenarios/route";
import { GET as configSettings, PUT as configSettingsPut } from "@/app/api/v1/config/settings/route";
import { createApiToken } from "@/lib/api/tokens";
import { prisma, sqlPool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ensureSettings } from "../../factories";
import { apiFixture, type Fixture } from "./api-env";

// Issue 16: hostile requests for every /api/v1 operation the OpenAPI document lists, generated from the document itself
// (fast-check). Each request carries at least one thing the API must refuse (a NUL, a huge or out-of-range value, a
// wrong type, a missing or unknown field, an empty or overlong list, a bad id or key), often with more noise on top
// (duplicate JSON keys, invalid UTF-8 bytes, repeated or percent-broken query parameters, deep nesting). Every answer
// must be a 4xx JSON {error}, and the row count of every table must be the same afterwards.
type Json = Record<string, unknown>;
type Schema = Json & { $ref?: string; anyOf?: Schema[]; oneOf?: Schema[]; type?: string; properties?: Record<string, Schema>; items?: Schema };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types its own params
type Handler = (request: Request, route: { params: Promise<any> }) => Promise<Response>;

const RUNS = 150; // per operation: 55 operations in the document, 8,250 requests (~15 s)
let doc: { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Schema> } };
let tokens: string[];
let f: Fixture;

beforeAll(async () => {
  f = await apiFixture();
  await ensureSettings(prisma);
  doc = await (await openapi()).json();
  // Many tokens in turn keep thousands of requests under the per-token rate limit (a 429 would also be a 4xx, but
  // would hide what the request itself gets).
  const operations = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
  const needed = Math.ceil((operations * RUNS) / (env.API_RATE_LIMIT_PER_MINUTE / 2));
  const made = await Promise.all(Array.from({ length: needed }, (_, i) => createApiToken(prisma, { name: `fuzz ${i}`, scope: "READ_WRITE" }, f.staff)));
  tokens = made.map((t) => t.secret);
  // The test database is new each run but Redis is not: a token id of an earlier run may have used this minute.
  const redis = new Redis(env.REDIS_URL);
  try {
    const window = Math.floor(Date.now() / 60_000);
    await redis.del(...made.flatMap((t) => [0, 1].map((d) => `${env.QUEUE_PREFIX}:ratelimit:${t.id}:${window + d}`)));
  } finally {
    await redis.quit();
  }
});

/** Row counts of every table in the schema, in one statement. */
async function tableCounts(): Promise<Record<string, number>> {
  const pool = sqlPool(prisma);
  const { rows: tables } = await pool.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`);
  const { rows } = await pool.query(`SELECT ${tables.map((t, i) => `(SELECT count(*)::int FROM "${t.name}") AS c${i}`).join(", ")}`);
  return Object.fromEntries(tables.map((t, i) => [t.name, rows[0][`c${i}`] as number]));
}

/**
 * The handler for a path of the document and its route params; a path the table does not know fails the test. A write
 * with a body gets a path code that lets the body be judged (a new scenario, branch or entry, or the fixture's branch):
 * every body sent has a refused change, so none is written either way.
 */
function route(path: string, method: string): { handler: Handler; params: Record<string, string> } {
  const lists = "(?<list>patron-categories|academic-levels|library-groups)";
  const table: [RegExp, string, Handler, Record<string, string>?][] = [
    [/^\/api\/v1\/config$/, "get", configAll],
    [/^\/api\/v1\/config\/scenarios$/, "get", configScenarios],
    [/^\/api\/v1\/config\/scenarios\/\{code\}$/, "get", configScenario],
    [/^\/api\/v1\/config\/scenarios\/\{code\}$/, "put", configScenarioPut, { code: "fuzz-scenario" }],
    [/^\/api\/v1\/config\/settings$/, "get", configSettings],
    [/^\/api\/v1\/config\/settings$/, "put", configSettingsPut],
    [/^\/api\/v1\/config\/branches$/, "get", configBranches],
    [/^\/api\/v1\/config\/branches\/\{code\}$/, "get", configBranch],
    [/^\/api\/v1\/config\/branches\/\{code\}$/, "put", configBranchPut, { code: "FUZZ" }],
    [/^\/api\/v1\/config\/branches\/\{code\}$/, "delete", configBranchDelete],
    [/^\/api\/v1\/config\/branches\/\{code\}\/closed-days$/, "get", configClosedDays],
    [/^\/api\/v1\/config\/branches\/\{code\}\/closed-days$/, "post", configClosedDaysPost, { code: f.branch }],
    [/^\/api\/v1\/config\/branches\/\{code\}\/closed-days$/, "delete", configClosedDaysDelete, { code: f.branch }],
    [new RegExp(`^/api/v1/config/${lists}$`), "get", configList],
    [new RegExp(`^/api/v1/config/${lists}/\\{code\\}$`), "get", configEntry],
    [new RegExp(`^/api/v1/config/${lists}/\\{code\\}$`), "put", configEntryPut, { code: "FUZZ" }],
    [new RegExp(`^/api/v1/config/${lists}/\\{code\\}$`), "delete", configEntryDelete],
    [/^\/api\/v1\/notices\/preview$/, "get", preview],
    [/^\/api\/v1\/notices\/runs$/, "post", runs],
    [/^\/api\/v1\/notices\/runs\/\{id\}\/deliveries$/, "get", deliveries],
    [/^\/api\/v1\/notices\/runs\/\{id\}$/, "get", run],
    [/^\/api\/v1\/events$/, "post", events],
    [/^\/api\/v1\/orders$/, "get", orders],
    [/^\/api\/v1\/orders\/\{number\}$/, "get", order],
    [/^\/api\/v1\/orders\/\{number\}$/, "put", orderPut, { number: "FUZZ-ORDER" }],
    [/^\/api\/v1\/orders\/\{number\}\/receipts$/, "post", orderReceipts],
    [/^\/api\/v1\/(?<resource>[a-z]+)\/\{key\}\/notices$/, "get", getNotices],
    [/^\/api\/v1\/(?<resource>[a-z]+)\/batch$/, "post", batch],
    [/^\/api\/v1\/(?<resource>[a-z]+)\/\{key\}$/, "get", getOne],
    [/^\/api\/v1\/(?<resource>[a-z]+)$/, "get", list],
  ];
  for (const [re, m, handler, fixed] of table) {
    const match = re.exec(path);
    if (match && m === method) return { handler, params: { ...match.groups, ...fixed } };
  }
  throw new Error(`no handler for ${method.toUpperCase()} ${path}: add it to this test`);
}

// ---- values from the JSON Schema -------------------------------------------------------------------------------
const deref = (s: Schema): Schema => (s.$ref ? deref(doc.components.schemas[s.$ref.replace("#/components/schemas/", "")]) : s);
const branches = (s: Schema): Schema[] => { const r = deref(s); return (r.anyOf ?? r.oneOf ?? [r]).map(deref); };
const allowedTypes = (s: Schema) => new Set(branches(s).map((b) => b.type as string));

type Rand = () => number;
const mulberry = (seed: number): Rand => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T,>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

type Position = { path: (string | number)[]; schema: Schema };

/** A plausible value for the schema (the non-null branch), recording each position and its schema. */
function generate(schema: Schema, r: Rand, path: (string | number)[], out: Position[], name = ""): unknown {
  out.push({ path, schema });
  const s = pick(r, branches(schema).filter((b) => b.type !== "null"));
  if (s.const !== undefined) return s.const;
  if (s.enum) return pick(r, s.enum as unknown[]);
  switch (s.type) {
    case "object": {
      const o: Json = {};
      for (const [key, sub] of Object.entries(s.properties ?? {})) {
        if ((s.required as string[] | undefined)?.includes(key) || r() < 0.5) o[key] = generate(sub, r, [...path, key], out, key);
      }
      return o;
    }
    case "array": {
      const n = Math.max(Number(s.minItems ?? 0), Math.floor(r() * 3));
      return Array.from({ length: Math.min(n, 3) }, (_, i) => generate(s.items!, r, [...path, i], out));
    }
    case "integer": return Math.max(Number(s.minimum ?? 0), Math.min(Number(s.maximum ?? 9), 3));
    case "number": return 1.25;
    case "boolean": return r() < 0.5;
    default:
      if (s.format === "date" || name === "date") return "2026-11-27";
      if (s.format === "date-time") return "2026-11-27T10:00:00Z";
      if (s.format === "email") return "fuzz@example.net";
      if (s.pattern) return "en";
      return `fuzz-${Math.floor(r() * 1e6)}`;
  }
}

const deep = (r: Rand) => {
  let v: unknown = "bottom";
  for (let i = 0, n = 50 + Math.floor(r() * 2000); i < n; i++) v = i % 2 ? [v] : { v };
  return v;
};

/** Replaces the value at `path` (or removes it: `undefined`), returning the new root. */
function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Json)[k], root) as Json;
  const key = path[path.length - 1];
  if (value === undefined && !Array.isArray(parent)) delete parent[key];
  else parent[key] = value;
  return root;
}
const getAt = (root: unknown, path: (string | number)[]) => path.reduce<unknown>((o, k) => (o as Json)[k], root);

/** One change that the schema at that position cannot accept; null when none applies to it. */
function refusedChange(pos: Position, current: unknown, r: Rand, kind: string): { value: unknown; how: string } | null {
  const types = allowedTypes(pos.schema);
  const s = branches(pos.schema).find((b) => b.type !== "null")!;
  switch (kind) {
    case "nul":
      return typeof current === "string" ? { value: `${current.slice(0, 1)}\u0000${current.slice(1)}`, how: "NUL" } : null;
    case "huge": {
      if (typeof current !== "string" || !(s.maxLength || s.format || s.enum || s.const || s.pattern)) return null;
      return { value: "x".repeat(Number(s.maxLength ?? 100) + 1 + Math.floor(r() * 20_000)), how: "huge string" };
    }
    case "wrongType": {
      const candidates: [string, unknown][] = [["string", "text"], ["boolean", true], ["array", [1, [2]]], ["object", { a: { b: 1 } }], ["null", null],
        ["number", 1.5], ["deep", deep(r)]];
      const usable = candidates.filter(([t]) => (t === "deep" ? !types.has("array") && !types.has("object") : t === "number" ? !types.has("number") && !types.has("integer") : !types.has(t)));
      const [t, value] = pick(r, usable);
      return { value, how: `wrong type (${t})` };
    }
    case "range": {
      if (typeof current !== "number") return null;
      const options: number[] = [];
      if (s.maximum !== undefined) options.push(Number(s.maximum) + 1, 1e308);
      if (s.minimum !== undefined) options.push(Number(s.minimum) - 1, -1e308);
      if (s.type === "integer") options.push(0.5);
      if (s.multipleOf) options.push(Number(s.multipleOf) / 10);
      return options.length ? { value: pick(r, options), how: "out of range" } : null;
    }
    case "extra":
      return s.type === "object" && s.additionalProperties === false && current && typeof current === "object" && !Array.isArray(current)
        ? { value: { ...current, [`unexpected${Math.floor(r() * 100)}`]: pick(r, ["x", 1, null, [], {}]) }, how: "unknown field" } : null;
    case "missing": {
      const required = (s.required as string[] | undefined) ?? [];
      if (s.type !== "object" || !required.length || !current || typeof current !== "object") return null;
      const copy = { ...(current as Json) };
      delete copy[pick(r, required)];
      return { value: copy, how: "required field left out" };
    }
    case "list": {
      if (!Array.isArray(current)) return null;
      if (Number(s.minItems ?? 0) >= 1 && r() < 0.5) return { value: [], how: "empty list" };
      if (s.maxItems !== undefined && Number(s.maxItems) <= 100) return { value: Array.from({ length: Number(s.maxItems) + 1 }, () => current[0] ?? "x"), how: "list too long" };
      return Number(s.minItems ?? 0) >= 1 ? { value: [], how: "empty list" } : null;
    }
  }
  return null;
}
const KINDS = ["nul", "huge", "wrongType", "range", "extra", "missing", "list"] as const;

/** A body for the schema with one refused change somewhere in it (tries positions until one applies). */
function refusedBody(schema: Schema, seed: number): { body: unknown; how: string } {
  const r = mulberry(seed);
  const positions: Position[] = [];
  let body = generate(schema, r, [], positions);
  for (let attempt = 0; attempt < 200; attempt++) {
    const pos = pick(r, positions);
    const change = refusedChange(pos, getAt(body, pos.path), r, pick(r, KINDS));
    if (change) {
      body = setAt(body, pos.path, change.value);
      return { body, how: `${change.how} at ${pos.path.join(".") || "body"}` };
    }
  }
  return { body: setAt(body, [], { unexpected: true }), how: "unknown field at body" };
}

/** The body as bytes, with noise that leaves the refused change in place: duplicate keys, invalid UTF-8. */
function encode(body: unknown, r: Rand): { bytes: Uint8Array<ArrayBuffer>; how: string } {
  const text = JSON.stringify(body);
  const how = pick(r, ["json", "duplicate key", "bad utf-8"]);
  if (how === "duplicate key" && body && typeof body === "object" && !Array.isArray(body) && Object.keys(body).length) {
    // The first key again, earlier, with junk: JSON.parse keeps the last, so the refused body is what counts.
    const key = Object.keys(body)[0];
    return { bytes: new Uint8Array(Buffer.from(`{${JSON.stringify(key)}:${JSON.stringify(deep(r))},${text.slice(1)}`)), how };
  }
  if (how === "bad utf-8") {
    const at = Math.floor(r() * text.length);
    const junk = pick(r, [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xe0, 0xa4]]);
    return { bytes: new Uint8Array(Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(junk), Buffer.from(text.slice(at))])), how };
  }
  return { bytes: new Uint8Array(Buffer.from(text)), how: "json" };
}

// ---- path and query parameters ---------------------------------------------------------------------------------
const HOSTILE_IDS = ["0", "-1", "2147483648", "1e20", "1.5", "abc", "", "\u0000", " 7", "0x10", "99999999999999999999", "9".repeat(400), "%ZZ", "2147483647"];
const HOSTILE_KEYS = ["\u0000", "a\u0000b", "x".repeat(1001), "y".repeat(50_000), "%ZZ", "%C0%AF", "%ED%A0%80", "%25", "\ud800", "", "no-such-\u{1F600}"];
// Values each query parameter must refuse (or, for a cursor or code that cannot exist, answer 4xx for).
const HOSTILE_QUERY: Record<string, string[]> = {
  limit: ["-1", "100001", "abc", "1.5", "\u0000", "9".repeat(400), "%ZZ", "0x", "[]"],
  after: ["\u0000", "x".repeat(201), "2147483648", "-1", "abc", "1e3", "%ZZ"],
  date: ["0001-01-01", "9999-12-31", "1999-12-31", "2100-01-01", "2026-02-30", "\u0000", "", "x".repeat(10_000), "%ZZ", "2026-11-27\u0000"],
  scenario: ["\u0000", "", "s".repeat(101), "%ZZ", "NO-SUCH-SCENARIO"],
  status: ["nope", "\u0000", "sent", "%ZZ"],
};

type Op = { path: string; method: string; operation: Json };

/** A GET with at least one refused parameter (path or query), plus noise: repeats, unknown parameters. */
function hostileGet(op: Op, seed: number) {
  const r = mulberry(seed);
  const declared = ((op.operation.parameters as { name: string; in: string; required?: boolean }[] | undefined) ?? []);
  const pathParams = declared.filter((p) => p.in === "path").map((p) => p.name);
  const queryParams = declared.filter((p) => p.in === "query");
  const params: Record<string, string> = {};
  const query: [string, string][] = [];
  let how = "";
  // The parameter that must be refused: a path one if any, else a query one (or an unknown query parameter).
  const targets = [...pathParams, ...queryParams.map((q) => q.name)];
  const target = targets.length ? pick(r, targets) : null;
  for (const p of pathParams) {
    params[p] = p === target ? pick(r, p === "id" ? HOSTILE_IDS : HOSTILE_KEYS) : p === "id" ? "2147483647" : `no-such-${seed}`;
  }
  for (const q of queryParams) {
    if (q.name === target) {
      const bad = pick(r, HOSTILE_QUERY[q.name] ?? ["\u0000"]);
      // Sometimes repeated around a good value: get() takes the first, Object.fromEntries the last; both refused.
      query.push([q.name, bad]);
      if (r() < 0.3) query.push([q.name, q.name === "date" ? "2026-11-27" : "5"], [q.name, bad]);
      how = `${q.name}=${JSON.stringify(bad).slice(0, 40)}`;
    } else if (q.required || r() < 0.3) {
      query.push([q.name, q.name === "date" ? "2026-11-27" : q.name === "status" ? "SENT" : "5"]);
    }
  }
  if (target && pathParams.includes(target)) how = `${target}=${JSON.stringify(params[target]).slice(0, 40)}`;
  // Lists and deliveries refuse unknown parameters; the other GETs already have a refused one.
  if (!target || r() < 0.2) {
    query.push([`unexpected${Math.floor(r() * 10)}`, "1"]);
    how ||= "unknown query parameter";
  }
  // Query text with "%ZZ" left as it is (not re-encoded), as a client could send it.
  const qs = query.map(([k, v]) => (v === "%ZZ" ? `${k}=%ZZ` : new URLSearchParams([[k, v]]).toString())).join("&");
  return { params, qs, how };
}

describe("every /api/v1 operation of the OpenAPI document, fed hostile input (fast-check)", () => {
  it(`answers 4xx JSON naming a reason, never a 5xx, and writes nothing (${RUNS} requests per operation)`, async () => {
    const ops: Op[] = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
    expect(ops.length).toBeGreaterThanOrEqual(55);
    const before = await tableCounts();
    const statuses = new Map<number, number>();
    const shapes = new Map<string, number>();
    let sent = 0;
    const started = performance.now();

    for (const op of ops) {
      const { handler, params: fixed } = route(op.path, op.method);
      const schema = (op.operation.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.["application/json"]?.schema;
      await fc.assert(fc.asyncProperty(fc.integer(), async (seed) => {
        const token = tokens[sent++ % tokens.length];
        const headers: Record<string, string> = { authorization: `Bearer ${token}` };
        let request: Request;
        let params = fixed;
        let how: string;
        const urlPath = op.path.replace(/\{(\w+)\}/g, "x");
        if (schema) {
          const refused = refusedBody(schema, seed);
          const encoded = encode(refused.body, mulberry(seed ^ 0x5bd1e995));
          how = `${refused.how}; ${encoded.how}`;
          headers["content-type"] = "application/json";
          request = new Request(`http://localhost${urlPath}`, { method: "POST", headers, body: encoded.bytes });
          shapes.set(refused.how.replace(/ at .*/, ""), (shapes.get(refused.how.replace(/ at .*/, "")) ?? 0) + 1);
        } else {
          const get = hostileGet(op, seed);
          params = { ...fixed, ...get.params };
          how = get.how;
          request = new Request(`http://localhost${urlPath}${get.qs ? `?${get.qs}` : ""}`, { headers });
          shapes.set("GET parameter", (shapes.get("GET parameter") ?? 0) + 1);
        }
        const response = await handler(request, { params: Promise.resolve(params) });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        let json: { error?: unknown } | null = null;
        try {
          json = JSON.parse(text);
        } catch {
          // reported below
        }
        if (response.status < 400 || response.status >= 500 || typeof json?.error !== "string") {
          throw new Error(`${op.method.toUpperCase()} ${op.path} (${how}): ${response.status} ${text.slice(0, 300)}`);
        }
      }), { numRuns: RUNS });
    }

    const ms = Math.round(performance.now() - started);
    console.info(`openapi fuzz: ${sent} requests over ${ops.length} operations in ${ms} ms; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; refused changes ${JSON.stringify(Object.fromEntries(shapes))}`);
    expect(await tableCounts()).toEqual(before);
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    expect(statuses.get(429)).toBeUndefined(); // each answer is the request's own, not the rate limiter's
  });
});
