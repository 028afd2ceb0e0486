import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getOne } from "@/app/api/v1/[resource]/[key]/route";
import { GET as getNotices } from "@/app/api/v1/[resource]/[key]/notices/route";
import { POST as batch } from "@/app/api/v1/[resource]/batch/route";
import { POST as events } from "@/app/api/v1/events/route";
import { GET as v1Preview } from "@/app/api/v1/notices/preview/route";
import { GET as v1Deliveries } from "@/app/api/v1/notices/runs/[id]/deliveries/route";
import { GET as v1Run } from "@/app/api/v1/notices/runs/[id]/route";
import { POST as v1Runs } from "@/app/api/v1/notices/runs/route";
import { GET as staffRun } from "@/app/api/notices/runs/[id]/route";
import { POST as staffRuns } from "@/app/api/notices/runs/route";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { importCsv } from "@/lib/import/run-import";
import { ensureSettings, uid } from "../../factories";
import { apiFixture, call, counts, patronRow, type Fixture } from "./api-env";

// Issue 16, hostile input: every answer a 4xx naming the field, never a 5xx, and nothing written.
const session = vi.hoisted(() => ({ userId: "0" }));
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  getServerSession: async () => ({ user: { id: session.userId } }),
}));

let f: Fixture;
beforeAll(async () => {
  f = await apiFixture();
  await ensureSettings(prisma);
  session.userId = String(f.staff.id);
});

const NUL = "must not contain a NUL character";
const post = (resource: string, body: unknown) => call(batch, { token: f.write, body, params: { resource } });
const apply = (items: unknown[]) => call(events, { token: f.write, body: { items } });
const runCount = () => prisma.noticeRun.count();

/** The staff dashboard's POST /api/notices/runs with a raw body (its session is mocked above). */
async function staffPost(body: string) {
  const request = new Request("http://localhost/api/notices/runs", { method: "POST", headers: { "content-type": "application/json" }, body });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a NextRequest in Next; only .json()/.body are used
  const response = await staffRuns(request as any);
  return { status: response.status, json: await response.json() };
}

/** A loan on a new patron and item, through the API; returns its ids. */
async function loanFixture(loanedAt = "2026-11-20T09:00:00Z") {
  const patron = patronRow(f);
  const barcode = `HB-${uid()}`;
  const loanId = `HL-${uid()}`;
  expect((await post("patrons", { items: [patron] })).status).toBe(200);
  expect((await post("items", { items: [{ barcode, title: "Hostile", branch: f.branch }] })).status).toBe(200);
  expect((await post("loans", { items: [{ externalId: loanId, cardNumber: patron.cardNumber, barcode, loanedAt, dueDate: "2026-12-01" }] })).status).toBe(200);
  return { card: patron.cardNumber, barcode, loanId };
}

describe("NUL characters (Postgres refuses them in text: 22021)", () => {
  const rows: Record<string, (f: Fixture) => [Record<string, unknown>, string]> = {
    categories: () => [{ code: `C-${uid()}`, name: "Na\u0000me" }, "name"],
    groups: () => [{ code: `G-${uid()}`, name: "\u0000" }, "name"],
    patrons: (f) => [patronRow(f, { lastName: "Love\u0000lace" }), "lastName"],
    items: (f) => [{ barcode: `B-${uid()}`, title: "T", author: "A\u0000", branch: f.branch }, "author"],
    loans: () => [{ externalId: `L-${uid()}\u0000`, cardNumber: "C", barcode: "B", loanedAt: "2026-01-01T00:00:00Z", dueDate: "2026-02-01" }, "externalId"],
    reservations: (f) => [{ externalId: `R-${uid()}`, cardNumber: "C", title: "T\u0000", pickupBranch: f.branch }, "title"],
    charges: () => [{ externalId: `CH-${uid()}`, cardNumber: "C", kind: "OTHER", description: "\u0000x", amount: 1, balance: 1 }, "description"],
    suppliers: () => [{ code: `S-${uid()}`, name: "Supplier", address: "1 Road\u0000" }, "address"],
  };

  it.each(Object.keys(rows))("in a %s batch row: 422 naming the field, nothing written", async (resource) => {
    const before = await counts();
    const [row, field] = rows[resource](f);
    const res = await post(resource, { items: [row] });
    expect(res.status).toBe(422);
    expect(res.json.fields[`items[0].${field}`]).toEqual([NUL]);
    expect(await counts()).toEqual(before);
  });

  it("in a patron's contact and group code: 422 naming the nested field", async () => {
    const res = await post("patrons", { items: [patronRow(f, { contacts: [{ kind: "PARENT", name: "Mum\u0000" }] })] });
    expect(res.status).toBe(422);
    expect(res.json.fields["items[0].contacts[0].name"]).toEqual([NUL]);
  });

  it("in an event: 422 naming the event's field, nothing applied", async () => {
    const { card, barcode } = await loanFixture();
    const before = await counts();
    const res = await apply([{ type: "checkout", loanExternalId: `L-${uid()}`, cardNumber: card, barcode: `${barcode}\u0000`, dueDate: "2026-12-24" }]);
    expect(res.status).toBe(422);
    expect(res.json.fields["items[0].barcode"]).toEqual([NUL]);
    const ret = await apply([{ type: "return", loanExternalId: "\u0000" }]);
    expect([ret.status, ret.json.fields["items[0].loanExternalId"]]).toEqual([422, [NUL]]);
    expect(await counts()).toEqual(before);
  });

  it("in a path key: 422 naming key, on records and a patron's notices", async () => {
    for (const resource of ["patrons", "items", "loans", "categories"]) {
      const res = await call(getOne, { token: f.read, params: { resource, key: "A\u0000B" } });
      expect([res.status, res.json.fields]).toEqual([422, { key: [NUL] }]);
    }
    const notices = await call(getNotices, { token: f.read, params: { resource: "patrons", key: "\u0000" } });
    expect([notices.status, notices.json.fields]).toEqual([422, { key: [NUL] }]);
  });

  it("in scenario codes: preview (v1 and staff-free) and runs answer 422 naming the code, no run started", async () => {
    const before = await runCount();
    const preview = await call(v1Preview, { token: f.read, path: "/api/v1/notices/preview?date=2026-11-27&scenario=OVERDUE%00" });
    expect([preview.status, preview.json.fields]).toEqual([422, { "scenario[0]": [NUL] }]);
    const run = await call(v1Runs, { token: f.write, body: { date: "2026-11-27", scenarios: ["OVER\u0000DUE"] } });
    expect([run.status, run.json.fields]).toEqual([422, { "scenarios[0]": [NUL] }]);
    const staff = await staffPost(JSON.stringify({ date: "2026-11-27", scenarios: ["\u0000"] }));
    expect([staff.status, staff.json.fields]).toEqual([422, { "scenarios[0]": [NUL] }]);
    expect(await runCount()).toBe(before);
  });

  it("in a CSV cell: reported on its row and field like any bad value, not 'failed on our side'", async () => {
    const header = "Card number,First name,Last name,Home branch code,Category code,Registered on,Expires on";
    const file = [header, `CSV-${uid()},Ada,Love\u0000lace,${f.branch},${f.category},2025-01-01,2028-01-01`].join("\n");
    const mapping = { cardNumber: "Card number", firstName: "First name", lastName: "Last name", homeBranch: "Home branch code", category: "Category code", registeredOn: "Registered on", expiresOn: "Expires on" };
    const before = await counts();
    const result = await importCsv(prisma, { type: "patrons", csv: file, mapping, dryRun: false, actor: f.staff });
    expect(result.written).toBe(false);
    expect(result.problems.map((p) => [p.row, p.line, p.field, p.message])).toEqual([[1, 2, "lastName", NUL]]);
    const contacts = await importCsv(prisma, { type: "contacts", csv: "Card,Kind,Name\nC\u00001,PARENT,Mum", mapping: { cardNumber: "Card", kind: "Kind", name: "Name" }, dryRun: true, actor: f.staff });
    expect(contacts.problems.map((p) => [p.row, p.field, p.message])).toEqual([[1, "cardNumber", NUL]]);
    expect(await counts()).toEqual(before);
  });
});

describe("path keys are decoded once (by Next), never again by us", () => {
  it("a key holding '%' is found as it is; a broken encoding ('%ZZ', '%C0%AF', '%ED%A0%80' arriving decoded as text) is a 404 naming it", async () => {
    const barcode = `100%-${uid()}`;
    expect((await post("items", { items: [{ barcode, title: "Percent", branch: f.branch }] })).status).toBe(200);
    const found = await call(getOne, { token: f.read, params: { resource: "items", key: barcode } });
    expect([found.status, found.json.barcode]).toEqual([200, barcode]);
    for (const key of ["%ZZ", "%C0%AF", "%ED%A0%80", "%25"]) {
      const res = await call(getOne, { token: f.read, params: { resource: "items", key } });
      expect([res.status, res.json.error]).toEqual([404, `No item "${key}".`]);
    }
    const notices = await call(getNotices, { token: f.read, params: { resource: "patrons", key: "%E0%A4%A" } });
    expect([notices.status, notices.json.error]).toEqual([404, 'No patron "%E0%A4%A".']);
  });
});

describe("numeric ids beyond Postgres' integer", () => {
  const ID = "a whole number from 1 to 2147483647";
  it.each(["2147483648", "1e20", "99999999999999999999", "-1", "0", "1.5", " 7", "0x10"])("run id %s: 422 naming id on every run route", async (id) => {
    for (const handler of [v1Run, v1Deliveries]) {
      const res = await call(handler, { token: f.read, params: { id } });
      expect([res.status, res.json.fields]).toEqual([422, { id: [ID] }]);
    }
    const response = await staffRun(new Request(`http://localhost/api/notices/runs/${id}`), { params: Promise.resolve({ id }) });
    expect([response.status, (await response.json()).fields]).toEqual([422, { id: [ID] }]);
  });

  it("the largest id is a 404; a page cursor beyond the range is a 422 naming after", async () => {
    const res = await call(v1Run, { token: f.read, params: { id: "2147483647" } });
    expect(res.status).toBe(404);
    const run = await prisma.noticeRun.create({ data: { key: `hostile-${uid()}`, runDate: new Date("2026-11-27"), trigger: "REPLAY" } });
    const page = await call(v1Deliveries, { token: f.read, params: { id: String(run.id) }, path: `/api/v1/notices/runs/${run.id}/deliveries?after=2147483648` });
    expect([page.status, page.json.fields]).toEqual([422, { after: ["not a cursor from this API"] }]);
  });
});

describe("starting a run (/api/notices/runs and /api/v1/notices/runs)", () => {
  it("the staff route has the API's body-size limit: 413 naming body", async () => {
    const before = await runCount();
    const res = await staffPost(JSON.stringify({ date: "2026-11-27", padding: "x".repeat(env.API_MAX_BODY_BYTES) }));
    expect([res.status, res.json.fields]).toEqual([413, { body: [`at most ${env.API_MAX_BODY_BYTES} bytes`] }]);
    expect((await staffPost("{not json")).status).toBe(400);
    expect(await runCount()).toBe(before);
  });

  it("an empty scenario list is refused, not taken as 'all'", async () => {
    const before = await runCount();
    const message = "at least one scenario, or leave it out for all";
    const staff = await staffPost(JSON.stringify({ date: "2026-11-27", scenarios: [] }));
    expect([staff.status, staff.json.fields]).toEqual([422, { scenarios: [message] }]);
    const v1 = await call(v1Runs, { token: f.write, body: { date: "2026-11-27", scenarios: [] } });
    expect([v1.status, v1.json.fields]).toEqual([422, { scenarios: [message] }]);
    expect(await runCount()).toBe(before);
  });

  it.each(["0001-01-01", "9999-12-31", "1999-12-31", "2100-01-01"])("run date %s is out of range: 422 naming date", async (date) => {
    const before = await runCount();
    const message = "a date from 2000-01-01 to 2099-12-31";
    const staff = await staffPost(JSON.stringify({ date }));
    expect([staff.status, staff.json.fields]).toEqual([422, { date: [message] }]);
    const v1 = await call(v1Runs, { token: f.write, body: { date } });
    expect([v1.status, v1.json.fields]).toEqual([422, { date: [message] }]);
    const preview = await call(v1Preview, { token: f.read, path: `/api/v1/notices/preview?date=${date}` });
    expect([preview.status, preview.json.fields]).toEqual([422, { date: [message] }]);
    expect(await runCount()).toBe(before);
  });
});

describe("events that cannot have happened", () => {
  it("a renewal to a due date before the loan was made: 422 naming dueDate, nothing changed", async () => {
    const { loanId } = await loanFixture();
    const res = await apply([{ type: "renew", loanExternalId: loanId, dueDate: "1900-01-01" }]);
    expect([res.status, res.json.fields]).toEqual([422, { "items[0].dueDate": ["before the loan was made (2026-11-20)"] }]);
    const loan = await prisma.loan.findUniqueOrThrow({ where: { externalId: loanId } });
    expect([loan.dueDate.toISOString().slice(0, 10), loan.renewalsUsed]).toEqual(["2026-12-01", 0]);
  });

  it("a payment above the charge's balance: 422 naming amount, balance unchanged", async () => {
    const { card } = await loanFixture();
    const chargeId = `CH-${uid()}`;
    expect((await post("charges", { items: [{ externalId: chargeId, cardNumber: card, kind: "OTHER", amount: 5, balance: 3 }] })).status).toBe(200);
    const res = await apply([{ type: "charge-paid", chargeExternalId: chargeId, amount: 999_999 }]);
    expect([res.status, res.json.fields]).toEqual([422, { "items[0].amount": ["more than the balance (3)"] }]);
    const charge = await prisma.charge.findUniqueOrThrow({ where: { externalId: chargeId } });
    expect([Number(charge.balance), charge.paidAt]).toEqual([3, null]);
    // The whole balance, or part of it, is still fine.
    expect((await apply([{ type: "charge-paid", chargeExternalId: chargeId, amount: 1 }, { type: "charge-paid", chargeExternalId: chargeId, amount: 2 }])).status).toBe(200);
  });

  it("the same loan checked out twice in one batch: 422 naming both indexes, no loan written", async () => {
    const { card, barcode } = await loanFixture();
    const loanExternalId = `HL-${uid()}`;
    const checkout = { type: "checkout", loanExternalId, cardNumber: card, barcode, dueDate: "2026-12-24", at: "2026-11-27T10:00:00Z" };
    const before = await counts();
    const res = await apply([checkout, { type: "return", loanExternalId }, checkout]);
    expect([res.status, res.json.fields]).toEqual([422, { "items[2].loanExternalId": [`"${loanExternalId}" is also checked out in items[0]`] }]);
    expect(await counts()).toEqual(before);
    // A checkout, renewal and return of one loan in one batch is what happened at the desk: fine.
    const desk = await apply([checkout, { type: "renew", loanExternalId, dueDate: "2027-01-10" }, { type: "return", loanExternalId }]);
    expect([desk.status, desk.json.applied]).toEqual([200, 3]);
  });
});
