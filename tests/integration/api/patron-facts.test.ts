import { beforeAll, describe, expect, it } from "vitest";
import { GET as getOne } from "@/app/api/v1/[resource]/[key]/route";
import { POST as batch } from "@/app/api/v1/[resource]/batch/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { prisma } from "@/lib/db/client";
import { guessMapping } from "@/lib/import/csv-types";
import { importCsv } from "@/lib/import/run-import";
import { uid } from "../../factories";
import { apiFixture, call, counts, patronRow, type Fixture } from "./api-env";

// What the engine reads from a patron besides their details: when they last changed category (BR counts from it),
// their own loan reminder period (LRM) and their last activity as another system knew it (IB).
let f: Fixture;
beforeAll(async () => {
  f = await apiFixture();
});

const post = (items: unknown[]) => call(batch, { token: f.write, body: { items }, params: { resource: "patrons" } });
const patron = (cardNumber: string) => prisma.patron.findUniqueOrThrow({ where: { cardNumber } });
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("category changes", () => {
  it("set categorySetAt when an upsert moves the patron to another category, not on insert nor with the same one", async () => {
    const other = await prisma.patronCategory.create({ data: { code: `CAT-${uid()}`, name: "Other" } });
    const row = patronRow(f);
    await post([row]);
    expect((await patron(row.cardNumber)).categorySetAt).toBeNull();
    expect((await post([{ ...row, lastName: "Same category" }])).json).toEqual({ resource: "patrons", created: 0, updated: 1 });
    expect((await patron(row.cardNumber)).categorySetAt).toBeNull();

    // The database's now() when the upsert ran: between the clock readings either side of the request (same machine;
    // 1 ms either way for the column's rounding to milliseconds).
    const setDuring = async (work: () => Promise<unknown>) => {
      const before = Date.now();
      await work();
      const after = Date.now();
      const at = (await patron(row.cardNumber)).categorySetAt;
      expect(at).toBeInstanceOf(Date);
      expect(at!.getTime()).toBeGreaterThanOrEqual(before - 1);
      expect(at!.getTime()).toBeLessThanOrEqual(after + 1);
    };
    await setDuring(() => post([{ ...row, category: other.code }]));

    // Unchanged again: it keeps the instant of the change (set here to one far back, to tell it from a new one); a
    // change back is a new change.
    const earlier = new Date("2001-02-03T04:05:06.789Z");
    await prisma.patron.update({ where: { cardNumber: row.cardNumber }, data: { categorySetAt: earlier } });
    await post([{ ...row, category: other.code, lastName: "Still other" }]);
    expect((await patron(row.cardNumber)).categorySetAt).toEqual(earlier);
    await setDuring(() => post([row]));
  });
});

describe("reminder days", () => {
  it("are written, replaced like the row's other fields, read back, and refused outside 0..60", async () => {
    const row = patronRow(f, { reminderDays: 3 });
    await post([row]);
    expect((await patron(row.cardNumber)).reminderDays).toBe(3);
    const got = await call(getOne, { token: f.read, params: { resource: "patrons", key: row.cardNumber } });
    expect(got.json).toMatchObject({ cardNumber: row.cardNumber, reminderDays: 3, lastActivityAt: null });

    await post([{ ...row, reminderDays: 0 }]);
    expect((await patron(row.cardNumber)).reminderDays).toBe(0);
    await post([{ ...row, reminderDays: null }]);
    expect((await patron(row.cardNumber)).reminderDays).toBeNull();

    const before = await counts();
    const bad = await post([patronRow(f, { reminderDays: 61 }), patronRow(f, { reminderDays: -1 }), patronRow(f, { reminderDays: 1.5 }), patronRow(f, { reminderDays: "3" })]);
    expect(bad.status).toBe(422);
    expect(bad.json.fields).toEqual({
      "items[0].reminderDays": ["0 to 60"], "items[1].reminderDays": ["0 to 60"],
      "items[2].reminderDays": ["a whole number"], "items[3].reminderDays": ["a whole number"],
    });
    expect(await counts()).toEqual(before);
  });

  it("come from a CSV file's \"Reminder days\" column (and last activity from \"Last activity at\")", async () => {
    const header = "Card number,First name,Last name,Home branch code,Category code,Registered on,Expires on,Reminder days,Last activity at";
    const cards = [`CSV-${uid()}`, `CSV-${uid()}`, `CSV-${uid()}`];
    const mapping = guessMapping("patrons", header.split(","));
    expect(mapping).toMatchObject({ reminderDays: "Reminder days", lastActivityAt: "Last activity at" });
    const line = (card: string, days: string, at = "") => `${card},Ada,Reader,${f.branch},${f.category},2025-01-01,2028-01-01,${days},${at}`;
    const file = [header, line(cards[0], "2", "2026-03-01T09:00:00Z"), line(cards[1], "")].join("\n");
    const done = await importCsv(prisma, { type: "patrons", csv: file, mapping, dryRun: false, actor: f.staff });
    expect(done).toMatchObject({ problemCount: 0, written: true, created: 2 });
    const [first, second] = [await patron(cards[0]), await patron(cards[1])];
    expect([first.reminderDays, iso(first.lastActivityAt), second.reminderDays, second.lastActivityAt]).toEqual([2, "2026-03-01T09:00:00.000Z", null, null]);

    const refused = await importCsv(prisma, { type: "patrons", csv: [header, line(cards[2], "90")].join("\n"), mapping, dryRun: true, actor: f.staff });
    expect(refused.problems.map((p) => [p.line, p.field, p.message])).toEqual([[2, "reminderDays", "0 to 60"]]);
  });

  it("and last activity are in the OpenAPI document's Patron", async () => {
    const doc = (await call(openapi as never, {})).json;
    const props = doc.components.schemas.Patron.properties;
    expect(props.reminderDays.anyOf[0]).toMatchObject({ type: "integer", minimum: 0, maximum: 60 });
    expect(props.lastActivityAt.anyOf[0]).toMatchObject({ type: "string", format: "date-time" });
    expect(doc.components.schemas.Patron.required).not.toContain("reminderDays");
  });
});

describe("last activity on the patron row (history from another system)", () => {
  it("is taken on insert and only moves forward; left out, it stays", async () => {
    const without = patronRow(f);
    const row = { ...without, lastActivityAt: "2026-05-01T10:00:00+02:00" };
    expect((await post([row])).json).toEqual({ resource: "patrons", created: 1, updated: 0 });
    expect(iso((await patron(row.cardNumber)).lastActivityAt)).toBe("2026-05-01T08:00:00.000Z");

    expect((await post([without])).json).toEqual({ resource: "patrons", created: 0, updated: 1 });
    expect(iso((await patron(row.cardNumber)).lastActivityAt)).toBe("2026-05-01T08:00:00.000Z");
    await post([{ ...row, lastActivityAt: "2026-04-01T00:00:00Z" }]);
    expect(iso((await patron(row.cardNumber)).lastActivityAt)).toBe("2026-05-01T08:00:00.000Z");
    await post([{ ...row, lastActivityAt: "2026-06-01T00:00:00Z" }]);
    expect(iso((await patron(row.cardNumber)).lastActivityAt)).toBe("2026-06-01T00:00:00.000Z");

    const bad = await post([{ ...row, lastActivityAt: "2026-06-01" }]);
    expect(bad.status).toBe(422);
    expect(bad.json.fields["items[0].lastActivityAt"]).toEqual(["a date-time with time zone, e.g. 2026-11-27T10:00:00Z"]);
  });
});
