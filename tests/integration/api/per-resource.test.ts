import { beforeAll, describe, expect, it } from "vitest";
import { GET as getOne } from "@/app/api/v1/[resource]/[key]/route";
import { POST as batch } from "@/app/api/v1/[resource]/batch/route";
import { GET as preview } from "@/app/api/v1/notices/preview/route";
import { GET as runDeliveries } from "@/app/api/v1/notices/runs/[id]/deliveries/route";
import { GET as runById } from "@/app/api/v1/notices/runs/[id]/route";
import { POST as startRun } from "@/app/api/v1/notices/runs/route";
import { prisma } from "@/lib/db/client";
import { ensureSettings, uid } from "../../factories";
import { apiFixture, call, counts, patronRow, type Fixture } from "./api-env";

// Every resource through the same four doors: valid (created, then updated), malformed, duplicate key, oversized.
let f: Fixture;
let refs: { card: string; barcode: string; loan: string };
beforeAll(async () => {
  f = await apiFixture();
  await ensureSettings(prisma);
  refs = { card: `PR-${uid()}`, barcode: `PB-${uid()}`, loan: `PL-${uid()}` };
  const post = (resource: string, items: unknown[]) => call(batch, { token: f.write, body: { items }, params: { resource } });
  expect((await post("patrons", [patronRow(f, { cardNumber: refs.card })])).status).toBe(200);
  expect((await post("items", [{ barcode: refs.barcode, title: "Ref", branch: f.branch }])).status).toBe(200);
  expect((await post("loans", [{ externalId: refs.loan, cardNumber: refs.card, barcode: refs.barcode, loanedAt: "2026-01-01T00:00:00Z", dueDate: "2026-02-01" }])).status).toBe(200);
});

type Case = { resource: string; key: string; valid: () => Record<string, unknown>; change: Record<string, unknown>; malformed: Record<string, unknown>; reason: string };
const CASES: Case[] = [
  { resource: "categories", key: "code", valid: () => ({ code: `C${uid()}`, name: "Cat" }), change: { name: "Renamed" }, malformed: { code: "has space" }, reason: "letters, digits, dot, dash or underscore" },
  { resource: "groups", key: "code", valid: () => ({ code: `G${uid()}`, name: "Group" }), change: { name: "Renamed" }, malformed: { name: "" }, reason: "required" },
  { resource: "patrons", key: "cardNumber", valid: () => patronRow(f), change: { lastName: "Changed" }, malformed: { expiresOn: "tomorrow" }, reason: "a date as YYYY-MM-DD" },
  { resource: "items", key: "barcode", valid: () => ({ barcode: `B${uid()}`, title: "T", branch: f.branch }), change: { title: "New title" }, malformed: { replacementCost: -1 }, reason: "zero or more" },
  { resource: "loans", key: "externalId", valid: () => ({ externalId: `L${uid()}`, cardNumber: refs.card, barcode: refs.barcode, loanedAt: "2026-01-01T00:00:00Z", dueDate: "2026-02-01" }), change: { dueDate: "2026-03-01" }, malformed: { status: "MISLAID" }, reason: "Invalid option" },
  { resource: "reservations", key: "externalId", valid: () => ({ externalId: `R${uid()}`, cardNumber: refs.card, title: "Wanted", pickupBranch: f.branch }), change: { status: "CANCELLED" }, malformed: { pickupBy: "2026-02-30" }, reason: "a date as YYYY-MM-DD" },
  { resource: "charges", key: "externalId", valid: () => ({ externalId: `CH${uid()}`, cardNumber: refs.card, loanExternalId: refs.loan, kind: "OVERDUE_FINE", amount: 1.2, balance: 1.2 }), change: { balance: 0 }, malformed: { amount: 1.234 }, reason: "whole pence / cents" },
  { resource: "suppliers", key: "code", valid: () => ({ code: `S${uid()}`, name: "Supplier" }), change: { email: "orders@s.example" }, malformed: { email: "nope" }, reason: "an email address" },
];

describe.each(CASES)("$resource", ({ resource, key, valid, change, malformed, reason }) => {
  const post = (body: unknown) => call(batch, { token: f.write, body, params: { resource } });

  it("creates, then updates by its key, and reads back", async () => {
    const rows = [valid(), valid()];
    expect((await post({ items: rows })).json).toEqual({ resource, created: 2, updated: 0 });
    expect((await post({ items: [{ ...rows[0], ...change }] })).json).toEqual({ resource, created: 0, updated: 1 });
    const got = await call(getOne, { token: f.read, params: { resource, key: String(rows[0][key]) } });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject(Object.fromEntries(Object.entries(change).filter(([k]) => k !== "balance")));
  });

  it("refuses a malformed row with its field and reason, a duplicate key, and too many rows, writing nothing", async () => {
    const before = await counts();
    const bad = await post({ items: [valid(), { ...valid(), ...malformed }] });
    expect(bad.status).toBe(422);
    const field = `items[1].${Object.keys(malformed)[0]}`;
    expect(bad.json.fields[field]?.[0]).toContain(reason);
    const row = valid();
    const dup = await post({ items: [row, { ...row }] });
    expect(dup.status).toBe(422);
    expect(dup.json.fields[`items[1].${key}`]).toEqual([`"${row[key]}" is also in items[0]`]);
    const oversized = await post({ items: Array.from({ length: 10_001 }, valid) });
    expect(oversized.status).toBe(422);
    expect(await counts()).toEqual(before);
  });
});

describe("notice endpoints with a token", () => {
  it("preview a date, start a run (read-write only) and read its progress", async () => {
    // An overdue scenario of this test's own, for patrons of a category of its own (every other category excluded):
    // on 27 Nov exactly one patron, one loan 7 days overdue, one email. Disabled, so no schedule ever picks it up.
    const category = await prisma.patronCategory.create({ data: { code: `NOTICE-${uid()}`, name: "Notice test" } });
    const others = (await prisma.patronCategory.findMany({ where: { id: { not: category.id } }, select: { id: true } })).map((c) => c.id);
    const template = await prisma.template.create({ data: { name: `API overdue ${uid()}`, family: "LOAN",
      versions: { create: [{ language: "en", version: 1, subject: "Overdue", body: "These are overdue.", closing: "" }] } } });
    const code = `api-overdue-${uid()}`;
    const scenario = await prisma.scenario.create({ data: { code, kind: "O", name: "API overdue", isEnabled: false, excludeCategoryIds: others,
      levels: { create: [{ level: 1, periodDays: 0, templateId: template.id }] } } });
    const post = (resource: string, items: unknown[]) => call(batch, { token: f.write, body: { items }, params: { resource } });
    const patron = patronRow(f, { category: category.code });
    const barcode = `NB-${uid()}`;
    expect((await post("patrons", [patron])).status).toBe(200);
    expect((await post("items", [{ barcode, title: "Late book", branch: f.branch }])).status).toBe(200);
    expect((await post("loans", [{ externalId: `NL-${uid()}`, cardNumber: patron.cardNumber, barcode, loanedAt: "2026-10-20T10:00:00Z", dueDate: "2026-11-20" }])).status).toBe(200);

    const p = await call(preview, { token: f.read, path: `/api/v1/notices/preview?date=2026-11-27&scenario=${code}&limit=5` });
    expect(p.status).toBe(200);
    expect(p.json.totals).toEqual({ notices: 1, deliveries: 1, emailDeliveries: 1 });
    expect(p.json.deliveries.map((d: { channel: string; address: string }) => [d.channel, d.address])).toEqual([["EMAIL", patron.email]]);
    const badDate = await call(preview, { token: f.read, path: "/api/v1/notices/preview?date=27/11/2026" });
    expect([badDate.status, Object.keys(badDate.json.fields)]).toEqual([422, ["date"]]);
    expect((await call(startRun, { token: f.read, body: { date: "2026-11-27", scenarios: [code] } })).status).toBe(403);
    const run = await call(startRun, { token: f.write, body: { date: "2026-11-27", scenarios: [code] } });
    expect(run.status).toBe(201);
    const planned = await prisma.noticeRun.findFirstOrThrow({ where: { scenarioIds: { equals: [scenario.id] } } });
    expect(run.json).toEqual({ runId: planned.id, notices: 1, deliveries: 1, emailDeliveries: 1 });
    const progress = await call(runById, { token: f.read, params: { id: String(run.json.runId) } });
    expect(progress.status).toBe(200);
    // No worker runs here: the email waits in the queue.
    expect(progress.json).toMatchObject({ id: run.json.runId, runDate: "2026-11-27", trigger: "REPLAY", noticesPlanned: 1,
      deliveriesPlanned: 1, deliveries: { QUEUED: 1 }, isEmailDone: false, inFlight: 1 });
    expect((await call(runById, { token: f.read, params: { id: "0" } })).status).toBe(422);
    const deliveries = (status: string) =>
      call(runDeliveries, { token: f.read, path: `/api/v1/notices/runs/${run.json.runId}/deliveries?status=${status}`, params: { id: String(run.json.runId) } });
    expect((await deliveries("SENT")).json).toEqual({ items: [], next: null });
    const queued = await deliveries("QUEUED");
    expect(queued.json.items.map((d: { cardNumber: string; address: string; status: string }) => [d.cardNumber, d.address, d.status]))
      .toEqual([[patron.cardNumber, patron.email, "QUEUED"]]);
    expect(queued.json.next).toBeNull();
    const badStatus = await call(runDeliveries, { token: f.read, path: "/api/v1/x?status=LOST", params: { id: String(run.json.runId) } });
    expect([badStatus.status, Object.keys(badStatus.json.fields)]).toEqual([422, ["status"]]);
  });
});
