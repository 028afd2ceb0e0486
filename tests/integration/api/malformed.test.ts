import fc from "fast-check";
import { Redis } from "ioredis";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as batch } from "@/app/api/v1/[resource]/batch/route";
import { GET as list } from "@/app/api/v1/[resource]/route";
import { rateLimitClock } from "@/app/api/v1/_lib/api-route";
import { POST as events } from "@/app/api/v1/events/route";
import { checkRateLimit } from "@/lib/api/rate-limit";
import { createApiToken } from "@/lib/api/tokens";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { uid } from "../../factories";
import { apiFixture, call, counts, patronRow, type Fixture } from "./api-env";

// Thousands of random malformed payloads at the batch endpoints: every answer is a 4xx naming a reason, never a 5xx,
// and not one row is written. Each payload holds at least one row that cannot be accepted (an unknown reference or a
// missing required field), so "nothing written" is what all-or-nothing must give, not luck.
let f: Fixture;
beforeAll(async () => {
  f = await apiFixture();
});

const RUNS = 150; // per resource and shape: 8 resources x 3 shapes x 150 = 3,600 requests (plus events)

function validRow(resource: string, f: Fixture, n: number): Record<string, unknown> {
  const key = `PB-${n}-${uid()}`;
  switch (resource) {
    case "categories": case "groups": return { code: key, name: "Name" };
    case "patrons": return patronRow(f, { cardNumber: key });
    case "items": return { barcode: key, title: "T", branch: f.branch };
    case "loans": return { externalId: key, cardNumber: "C", barcode: "B", loanedAt: "2026-01-01T00:00:00Z", dueDate: "2026-02-01" };
    case "reservations": return { externalId: key, cardNumber: "C", title: "T", pickupBranch: f.branch };
    case "charges": return { externalId: key, cardNumber: "C", kind: "OTHER", amount: 1, balance: 1 };
    default: return { code: key, name: "Supplier" };
  }
}

/** A row that is refused whatever else the batch holds: an unknown reference, or no name where there is none. */
function refusedRow(resource: string, f: Fixture, n: number): Record<string, unknown> {
  const row = validRow(resource, f, n);
  switch (resource) {
    case "patrons": return { ...row, category: `NO-SUCH-${n}` };
    case "items": return { ...row, branch: `NO-SUCH-${n}` };
    case "loans": case "reservations": case "charges": return { ...row, cardNumber: `NO-SUCH-${n}` };
    default: {
      delete row.name;
      return row;
    }
  }
}

const RESOURCES = ["categories", "groups", "patrons", "items", "loans", "reservations", "charges", "suppliers"] as const;

/** A valid row with one field replaced by anything, or removed, or an unexpected field added. */
const mutatedRow = (resource: string) =>
  fc.tuple(fc.nat(), fc.anything(), fc.constantFrom("replace", "remove", "add")).map(([n, value, how]) => {
    const row = validRow(resource, f, n);
    const keys = Object.keys(row);
    const key = keys[n % keys.length];
    if (how === "replace") row[key] = value;
    else if (how === "remove") delete row[key];
    else row[`extra${n % 3}`] = value;
    return row;
  });

describe("malformed input (property-based)", () => {
  it.each(RESOURCES)("%s/batch: random payloads get 4xx, never 5xx, and write nothing", async (resource) => {
    // A token of its own per resource: the runs stay under the per-token rate limit.
    const token = (await createApiToken(prisma, { name: `fuzz ${resource}`, scope: "READ_WRITE" }, f.staff)).secret;
    const before = await counts();
    const statuses = new Map<number, number>();
    const expect4xx = async (payload: unknown, raw?: string) => {
      const res = await call(batch, { token, params: { resource }, ...(raw === undefined ? { body: payload } : { rawBody: raw }) });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status < 400 || res.status >= 500) throw new Error(`${res.status} for ${JSON.stringify(payload ?? raw).slice(0, 300)}: ${JSON.stringify(res.json)}`);
      expect(typeof res.json.error).toBe("string");
    };
    // 1. anything at all as the body, and raw text that may not be JSON
    await fc.assert(fc.asyncProperty(fc.anything(), (payload) => expect4xx(payload)), { numRuns: RUNS });
    await fc.assert(fc.asyncProperty(fc.string(), (text) => expect4xx(undefined, text)), { numRuns: RUNS / 3 });
    // 2. an items array of anything
    await fc.assert(fc.asyncProperty(fc.array(fc.anything(), { maxLength: 20 }), (items) => expect4xx({ items })), { numRuns: RUNS });
    // 3. plausible rows, each with one field broken, plus one row that can never be accepted, in random order
    await fc.assert(fc.asyncProperty(fc.array(mutatedRow(resource), { maxLength: 20 }), fc.nat(), (rows, n) => {
      const items = [...rows];
      items.splice(n % (rows.length + 1), 0, refusedRow(resource, f, n));
      return expect4xx({ items });
    }), { numRuns: RUNS });
    expect(await counts()).toEqual(before);
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    expect(statuses.get(422)).toBeGreaterThan(0);
  });

  it("events: random payloads get 4xx and change nothing", async () => {
    const token = (await createApiToken(prisma, { name: "fuzz events", scope: "READ_WRITE" }, f.staff)).secret;
    const before = await counts();
    const event = fc.record({
      type: fc.constantFrom("checkout", "return", "renew", "loan-status", "reservation-ready", "reservation-finished", "charge-paid", "nope"),
      loanExternalId: fc.string(), reservationExternalId: fc.string(), chargeExternalId: fc.string(), cardNumber: fc.string(),
      barcode: fc.string(), dueDate: fc.oneof(fc.string(), fc.constant("2026-12-01")), status: fc.string(), pickupBy: fc.string(),
    }, { requiredKeys: ["type"] });
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(event, fc.anything()), { maxLength: 10 }), async (items) => {
      const res = await call(events, { token, body: { items: [...items, { type: "return", loanExternalId: `NO-SUCH-${uid()}` }] } });
      if (res.status < 400 || res.status >= 500) throw new Error(`${res.status}: ${JSON.stringify(res.json)}`);
    }), { numRuns: RUNS });
    expect(await counts()).toEqual(before);
  });
});

describe("rate limits", () => {
  it("count per token per minute in Redis and answer 429 with Retry-After beyond the limit", async () => {
    const redis = new Redis(process.env.REDIS_URL!);
    // A fixed clock, so the test knows the minute its requests count in, whenever it runs: 30 s into a minute.
    const now = Date.parse("2026-11-27T10:00:30Z");
    const prefix = `${process.env.QUEUE_PREFIX}-rl-${uid()}`;
    const limit = (tokenId: number, at = now) => checkRateLimit(redis, { prefix, tokenId, limitPerMinute: 3, now: () => at });
    try {
      for (let i = 1; i <= 3; i++) expect(await limit(7)).toEqual({ count: i, limit: 3 });
      const err = await limit(7).catch((e) => e);
      expect(err).toBeInstanceOf(AppError);
      expect([err.code, err.retryAfter, err.message]).toEqual(["RATE_LIMITED", 30, "Too many requests: 3 a minute per token. Retry in 30 s."]);
      expect(await limit(7, now + 29_999).catch((e) => e.retryAfter)).toBe(1); // the last moment of the minute
      expect(await limit(8)).toEqual({ count: 1, limit: 3 }); // another token has its own budget
      expect(await limit(7, now + 30_000)).toEqual({ count: 1, limit: 3 }); // the next minute starts afresh

      // Through a route, on the route's clock: a token that has used its minute gets 429 and a Retry-After header.
      const token = await createApiToken(prisma, { name: "busy", scope: "READ" }, f.staff);
      const key = `${process.env.QUEUE_PREFIX}:ratelimit:${token.id}:${Math.floor(now / 60_000)}`;
      await redis.set(key, 600, "EX", 120);
      rateLimitClock.now = () => now + 15_000;
      const res = await call(list, { token: token.secret, params: { resource: "items" } });
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("15");
      expect(res.json.error).toBe("Too many requests: 600 a minute per token. Retry in 15 s.");
      expect(await redis.get(key)).toBe("601");
    } finally {
      rateLimitClock.now = () => Date.now();
      await redis.quit();
    }
  });
});
