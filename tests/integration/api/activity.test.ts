import { beforeAll, describe, expect, it } from "vitest";
import { GET as getOne } from "@/app/api/v1/[resource]/[key]/route";
import { POST as batch } from "@/app/api/v1/[resource]/batch/route";
import { POST as events } from "@/app/api/v1/events/route";
import { prisma } from "@/lib/db/client";
import { guessMapping } from "@/lib/import/csv-types";
import { importCsv } from "@/lib/import/run-import";
import { uid } from "../../factories";
import { apiFixture, call, patronRow, type Fixture } from "./api-env";

// A patron's last activity (the IB notice counts days since it): checkouts, returns and renewals, from the events, the
// loan upserts and the CSV import. It never moves back. (History given on the patron row: patron-facts.test.ts.)
let f: Fixture;
beforeAll(async () => {
  f = await apiFixture();
});

const post = (resource: string, items: unknown[]) => call(batch, { token: f.write, body: { items }, params: { resource } });
const apply = (items: unknown[]) => call(events, { token: f.write, body: { items } });
const lastActivity = async (cardNumber: string) =>
  (await prisma.patron.findUniqueOrThrow({ where: { cardNumber } })).lastActivityAt?.toISOString() ?? null;

async function patronWithItems(n: number) {
  const patron = patronRow(f);
  expect((await post("patrons", [patron])).status).toBe(200);
  const barcodes = Array.from({ length: n }, () => `B-${uid()}`);
  expect((await post("items", barcodes.map((barcode) => ({ barcode, title: "Activity", branch: f.branch })))).status).toBe(200);
  return { card: patron.cardNumber, barcodes };
}

describe("last activity from circulation events", () => {
  it("is each checkout, renewal and return's instant, never moved back by an older event, and read back by the API", async () => {
    const { card, barcodes } = await patronWithItems(2);
    const loan = `L-${uid()}`;
    expect(await lastActivity(card)).toBeNull();

    const checkout = { type: "checkout", loanExternalId: loan, cardNumber: card, barcode: barcodes[0], dueDate: "2026-12-01", at: "2026-11-20T09:00:00Z" };
    expect((await apply([checkout])).status).toBe(200);
    expect(await lastActivity(card)).toBe("2026-11-20T09:00:00.000Z");

    // A renewal three days later moves it.
    expect((await apply([{ type: "renew", loanExternalId: loan, dueDate: "2026-12-15", at: "2026-11-23T09:00:00Z" }])).status).toBe(200);
    expect(await lastActivity(card)).toBe("2026-11-23T09:00:00.000Z");

    // A return, its instant given with an offset.
    expect((await apply([{ type: "return", loanExternalId: loan, at: "2026-11-25T14:30:00+13:00" }])).status).toBe(200);
    expect(await lastActivity(card)).toBe("2026-11-25T01:30:00.000Z");

    // An older checkout arriving late, and the first checkout sent again, leave it where it is.
    const older = { ...checkout, loanExternalId: `L-${uid()}`, barcode: barcodes[1], at: "2026-11-01T09:00:00Z" };
    expect((await apply([older, checkout])).status).toBe(200);
    expect(await lastActivity(card)).toBe("2026-11-25T01:30:00.000Z");

    // A refused request moves nothing: its return is rolled back with the rest.
    const refused = await apply([{ type: "return", loanExternalId: older.loanExternalId, at: "2026-11-28T10:00:00Z" }, { type: "return", loanExternalId: "NO-SUCH" }]);
    expect(refused.status).toBe(422);
    expect(await lastActivity(card)).toBe("2026-11-25T01:30:00.000Z");

    const got = await call(getOne, { token: f.read, params: { resource: "patrons", key: card } });
    expect(got.json.lastActivityAt).toBe("2026-11-25T01:30:00.000Z");
  });

  it("is not moved by a status change", async () => {
    const { card, barcodes } = await patronWithItems(1);
    const loan = `L-${uid()}`;
    await apply([{ type: "checkout", loanExternalId: loan, cardNumber: card, barcode: barcodes[0], dueDate: "2026-12-01", at: "2026-11-20T09:00:00Z" }]);
    expect((await apply([{ type: "loan-status", loanExternalId: loan, status: "LOST", at: "2026-11-29T09:00:00Z" }])).status).toBe(200);
    expect(await lastActivity(card)).toBe("2026-11-20T09:00:00.000Z");
  });
});

describe("last activity from loan upserts", () => {
  it("counts a new loan at its loanedAt and a returned one at its returnedAt, per patron, and never moves back", async () => {
    const a = await patronWithItems(3);
    const b = await patronWithItems(1);
    const loan = (card: string, barcode: string, extra: Record<string, unknown>) =>
      ({ externalId: `L-${uid()}`, cardNumber: card, barcode, dueDate: "2026-12-31", ...extra });
    const first = loan(a.card, a.barcodes[0], { loanedAt: "2026-10-01T10:00:00Z" });
    const created = await post("loans", [
      first,
      loan(a.card, a.barcodes[1], { loanedAt: "2026-10-05T10:00:00Z", returnedAt: "2026-10-20T16:45:00Z", status: "RETURNED" }),
      loan(b.card, b.barcodes[0], { loanedAt: "2026-10-03T10:00:00+01:00" }),
    ]);
    expect(created.json).toEqual({ resource: "loans", created: 3, updated: 0 });
    expect(await lastActivity(a.card)).toBe("2026-10-20T16:45:00.000Z");
    expect(await lastActivity(b.card)).toBe("2026-10-03T09:00:00.000Z");

    // An updated loan: the later of its loanedAt and returnedAt.
    const returned = await post("loans", [{ ...first, returnedAt: "2026-10-25T08:00:00Z", status: "RETURNED" }]);
    expect(returned.json).toEqual({ resource: "loans", created: 0, updated: 1 });
    expect(await lastActivity(a.card)).toBe("2026-10-25T08:00:00.000Z");

    // An older loan, new or sent again, leaves it where it is.
    expect((await post("loans", [first, loan(a.card, a.barcodes[2], { loanedAt: "2026-09-01T10:00:00Z" })])).status).toBe(200);
    expect(await lastActivity(a.card)).toBe("2026-10-25T08:00:00.000Z");
    expect(await lastActivity(b.card)).toBe("2026-10-03T09:00:00.000Z");
  });

  it("counts loans imported from a CSV file the same way", async () => {
    const { card, barcodes } = await patronWithItems(2);
    const header = "externalId,cardNumber,barcode,loanedAt,dueDate,returnedAt,status";
    const file = [header, `L-${uid()},${card},${barcodes[0]},2026-08-01T10:00:00Z,2026-08-22,2026-08-10T12:00:00Z,RETURNED`,
      `L-${uid()},${card},${barcodes[1]},2026-08-05T10:00:00Z,2026-08-26,,`].join("\n");
    const check = await importCsv(prisma, { type: "loans", csv: file, mapping: guessMapping("loans", header.split(",")), dryRun: true, actor: f.staff });
    expect(check).toMatchObject({ problemCount: 0, written: false });
    expect(await lastActivity(card)).toBeNull();
    const done = await importCsv(prisma, { type: "loans", csv: file, mapping: guessMapping("loans", header.split(",")), dryRun: false, actor: f.staff });
    expect(done).toMatchObject({ problemCount: 0, written: true, created: 2 });
    expect(await lastActivity(card)).toBe("2026-08-10T12:00:00.000Z");
  });
});
