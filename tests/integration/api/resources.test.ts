import { beforeAll, describe, expect, it } from "vitest";
import { GET as getOne } from "@/app/api/v1/[resource]/[key]/route";
import { GET as getNotices } from "@/app/api/v1/[resource]/[key]/notices/route";
import { POST as batch } from "@/app/api/v1/[resource]/batch/route";
import { GET as list } from "@/app/api/v1/[resource]/route";
import { POST as events } from "@/app/api/v1/events/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { revokeApiToken } from "@/lib/api/tokens";
import { prisma } from "@/lib/db/client";
import { uid } from "../../factories";
import { apiFixture, call, counts, patronRow, type Fixture } from "./api-env";

let f: Fixture;
beforeAll(async () => {
  f = await apiFixture();
});

const post = (resource: string, body: unknown, token = f.write) => call(batch, { token, body, params: { resource } });

describe("API tokens", () => {
  it("refuse a missing, unknown or revoked token (401) and a read-only token writing (403); record last use", async () => {
    expect((await call(list, { params: { resource: "patrons" } })).status).toBe(401);
    expect((await call(list, { token: "nb_not-a-token", params: { resource: "patrons" } })).json.error).toMatch(/unknown or revoked/);
    const denied = await post("categories", { items: [{ code: `C-${uid()}`, name: "x" }] }, f.read);
    expect(denied.status).toBe(403);
    expect((await call(list, { token: f.read, params: { resource: "categories" } })).status).toBe(200);
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: f.readId } })).lastUsedAt).not.toBeNull();

    const { createApiToken } = await import("@/lib/api/tokens");
    const doomed = await createApiToken(prisma, { name: "doomed", scope: "READ" }, f.staff);
    expect((await call(list, { token: doomed.secret, params: { resource: "items" } })).status).toBe(200);
    await revokeApiToken(prisma, doomed.id, f.staff);
    expect((await call(list, { token: doomed.secret, params: { resource: "items" } })).status).toBe(401);
    // Only a hash is stored.
    expect(await prisma.apiToken.count({ where: { tokenHash: doomed.secret } })).toBe(0);
  });
});

describe("patrons", () => {
  it("upsert with contacts and groups, then update in place replacing them; read back by card number", async () => {
    const row = patronRow(f, { groups: [f.group], contacts: [{ kind: "PARENT", name: "Parent One", email: "p1@example.org" }], preferredLanguage: "cy" });
    const created = await post("patrons", { items: [row] });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ resource: "patrons", created: 1, updated: 0 });

    const updated = await post("patrons", { items: [{ ...row, lastName: "Byron", contacts: [{ kind: "GUARDIAN", name: "Guardian Two" }], groups: [] }] });
    expect(updated.json).toEqual({ resource: "patrons", created: 0, updated: 1 });
    const got = await call(getOne, { token: f.read, params: { resource: "patrons", key: row.cardNumber } });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({
      cardNumber: row.cardNumber, lastName: "Byron", homeBranch: f.branch, category: f.category, preferredLanguage: "cy",
      registeredOn: "2025-01-01", groups: [], contacts: [{ kind: "GUARDIAN", name: "Guardian Two", email: null, mobile: null }],
    });
    expect((await call(getOne, { token: f.read, params: { resource: "patrons", key: "NO-SUCH" } })).status).toBe(404);
  });

  it("refuse malformed rows naming each field, and write nothing", async () => {
    const before = await counts();
    const good = patronRow(f);
    const res = await post("patrons", { items: [good, patronRow(f, { email: "not-an-email", registeredOn: "2025-13-01" }), { ...patronRow(f), firstName: undefined }] });
    expect(res.status).toBe(422);
    expect(res.json.fields["items[1].email"]).toEqual(["an email address"]);
    expect(res.json.fields["items[1].registeredOn"]).toEqual(["a date as YYYY-MM-DD"]);
    expect(Object.keys(res.json.fields)).toContain("items[2].firstName");
    expect(await counts()).toEqual(before);
  });

  it("refuse unknown references and duplicate keys with the row and field, and write nothing", async () => {
    const before = await counts();
    const row = patronRow(f);
    const res = await post("patrons", { items: [patronRow(f, { category: "NOPE" }), row, { ...row }, patronRow(f, { groups: ["NO-GROUP"] })] });
    expect(res.status).toBe(422);
    expect(res.json.fields).toEqual({
      "items[0].category": ['unknown category "NOPE"'],
      "items[2].cardNumber": [`"${row.cardNumber}" is also in items[1]`],
      "items[3].groups[0]": ['unknown library group "NO-GROUP"'],
    });
    expect(await counts()).toEqual(before);
  });

  it("answer 409 when a unique key belongs to another patron, writing nothing", async () => {
    const externalId = `EXT-${uid()}`;
    await post("patrons", { items: [patronRow(f, { externalId })] });
    const before = await counts();
    const res = await post("patrons", { items: [patronRow(f), patronRow(f, { externalId })] });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatch(/externalId/);
    expect(await counts()).toEqual(before);
  });

  it("refuse bodies that are not JSON (400), too large (413) or too many rows (422)", async () => {
    expect((await call(batch, { token: f.write, rawBody: "{not json", params: { resource: "patrons" } })).status).toBe(400);
    const huge = await call(batch, { token: f.write, rawBody: JSON.stringify({ items: [{ firstName: "x".repeat(11_000_000) }] }), params: { resource: "patrons" } });
    expect(huge.status).toBe(413);
    expect(huge.json.fields.body).toEqual(["at most 10000000 bytes"]);
    const many = await post("categories", { items: Array.from({ length: 10_001 }, (_, i) => ({ code: `M${i}`, name: "m" })) });
    expect(many.status).toBe(422);
    expect(many.json.fields.items).toEqual(["at most 10000 rows per request"]);
    expect((await call(batch, { token: f.write, body: { items: [] }, params: { resource: "nonsense" } })).status).toBe(404);
  });
});

describe("items, loans, reservations, charges and suppliers", () => {
  it("upsert a linked set, list it page by page, and refuse a loan for a missing patron", async () => {
    const patron = patronRow(f);
    await post("patrons", { items: [patron] });
    const barcodes = [`B-${uid()}`, `B-${uid()}`];
    expect((await post("items", { items: barcodes.map((barcode) => ({ barcode, title: `Title ${barcode}`, branch: f.branch, replacementCost: 12.5 })) })).json)
      .toEqual({ resource: "items", created: 2, updated: 0 });
    const loanId = `L-${uid()}`;
    const loans = await post("loans", { items: [{ externalId: loanId, cardNumber: patron.cardNumber, barcode: barcodes[0], loanedAt: "2026-11-01T10:00:00Z", dueDate: "2026-11-22" }] });
    expect(loans.json).toEqual({ resource: "loans", created: 1, updated: 0 });
    const reservationId = `R-${uid()}`;
    expect((await post("reservations", { items: [{ externalId: reservationId, cardNumber: patron.cardNumber, barcode: barcodes[1], pickupBranch: f.branch }] })).status).toBe(200);
    const chargeId = `C-${uid()}`;
    expect((await post("charges", { items: [{ externalId: chargeId, cardNumber: patron.cardNumber, loanExternalId: loanId, kind: "OVERDUE_FINE", amount: 2.5, balance: 2.5 }] })).status).toBe(200);
    expect((await post("suppliers", { items: [{ code: `S-${uid()}`, name: "Books Ltd", email: "orders@books.example" }] })).status).toBe(200);

    const loan = await call(getOne, { token: f.read, params: { resource: "loans", key: loanId } });
    expect(loan.json).toMatchObject({ externalId: loanId, cardNumber: patron.cardNumber, barcode: barcodes[0], dueDate: "2026-11-22", loanedAt: "2026-11-01T10:00:00.000Z", status: "ON_LOAN" });
    const charge = await call(getOne, { token: f.read, params: { resource: "charges", key: chargeId } });
    expect(charge.json).toMatchObject({ loanExternalId: loanId, amount: 2.5, balance: 2.5, kind: "OVERDUE_FINE" });

    // Pages of one: every item appears once, in order, and the last page says so.
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const res = await call(list, { token: f.read, path: `/api/v1/items?limit=1${after ? `&after=${after}` : ""}`, params: { resource: "items" } });
      seen.push(...res.json.items.map((i: { barcode: string }) => i.barcode));
      if (!res.json.next) break;
      after = res.json.next;
    }
    expect(seen.filter((b) => barcodes.includes(b))).toEqual(barcodes);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await call(list, { token: f.read, path: "/api/v1/items?limit=5000", params: { resource: "items" } })).json.fields.limit).toEqual(["at most 1000"]);

    const before = await counts();
    const bad = await post("loans", { items: [{ externalId: `L-${uid()}`, cardNumber: "NO-CARD", barcode: barcodes[1], loanedAt: "2026-11-01T10:00:00Z", dueDate: "2026-10-01" }] });
    expect(bad.status).toBe(422);
    expect(bad.json.fields).toEqual({ "items[0].cardNumber": ['unknown patron card "NO-CARD"'], "items[0].dueDate": ["before loanedAt"] });
    const badCharge = await post("charges", { items: [
      { externalId: `C-${uid()}`, cardNumber: patron.cardNumber, kind: "PROCESSING", amount: 1, balance: 1 }, // processing charges are ours
      { externalId: `C-${uid()}`, cardNumber: patron.cardNumber, kind: "OTHER", amount: 1, balance: 2 },
    ] });
    expect(badCharge.status).toBe(422);
    expect(Object.keys(badCharge.json.fields).sort()).toEqual(["items[0].kind", "items[1].balance"]);
    expect(badCharge.json.fields["items[1].balance"]).toEqual(["at most the amount"]);
    expect(await counts()).toEqual(before);
  });
});

describe("circulation events", () => {
  it("apply in order (checkout, renew, ready, pay, return) and roll all back when one is refused", async () => {
    const patron = patronRow(f);
    await post("patrons", { items: [patron] });
    const barcode = `B-${uid()}`;
    await post("items", { items: [{ barcode, title: "Event book", branch: f.branch }] });
    const reservationId = `R-${uid()}`;
    await post("reservations", { items: [{ externalId: reservationId, cardNumber: patron.cardNumber, title: "Wanted", pickupBranch: f.branch }] });
    const chargeId = `C-${uid()}`;
    await post("charges", { items: [{ externalId: chargeId, cardNumber: patron.cardNumber, kind: "OTHER", amount: 5, balance: 5 }] });
    const loanId = `L-${uid()}`;

    const applied = await call(events, { token: f.write, body: { items: [
      { type: "checkout", loanExternalId: loanId, cardNumber: patron.cardNumber, barcode, dueDate: "2026-12-01", at: "2026-11-20T09:00:00Z" },
      { type: "renew", loanExternalId: loanId, dueDate: "2026-12-15" },
      { type: "reservation-ready", reservationExternalId: reservationId, barcode, pickupBy: "2026-12-05" },
      { type: "charge-paid", chargeExternalId: chargeId, amount: 2 },
    ] } });
    expect(applied.status).toBe(200);
    expect(applied.json).toEqual({ applied: 4, byType: { checkout: 1, renew: 1, "reservation-ready": 1, "charge-paid": 1 } });
    const loan = await prisma.loan.findUniqueOrThrow({ where: { externalId: loanId } });
    expect([loan.dueDate.toISOString().slice(0, 10), loan.renewalsUsed, loan.status, loan.loanedAt.toISOString()]).toEqual(["2026-12-15", 1, "ON_LOAN", "2026-11-20T09:00:00.000Z"]);
    expect((await prisma.reservation.findUniqueOrThrow({ where: { externalId: reservationId } })).status).toBe("READY_FOR_PICKUP");
    expect(Number((await prisma.charge.findUniqueOrThrow({ where: { externalId: chargeId } })).balance)).toBe(3);

    // A return and a refused event in one request: neither happens.
    const refused = await call(events, { token: f.write, body: { items: [
      { type: "return", loanExternalId: loanId },
      { type: "loan-status", loanExternalId: "NO-SUCH-LOAN", status: "LOST" },
    ] } });
    expect(refused.status).toBe(422);
    expect(refused.json.fields).toEqual({ "items[1].loanExternalId": ['unknown or returned loan "NO-SUCH-LOAN"'] });
    expect((await prisma.loan.findUniqueOrThrow({ where: { externalId: loanId } })).status).toBe("ON_LOAN");

    const returned = await call(events, { token: f.write, body: { items: [{ type: "return", loanExternalId: loanId }, { type: "charge-paid", chargeExternalId: chargeId }] } });
    expect(returned.status).toBe(200);
    expect((await prisma.loan.findUniqueOrThrow({ where: { externalId: loanId } })).status).toBe("RETURNED");
    const paid = await prisma.charge.findUniqueOrThrow({ where: { externalId: chargeId } });
    expect([Number(paid.balance), paid.paidAt !== null]).toEqual([0, true]);
    // Renewing a returned loan is refused with the reason.
    const late = await call(events, { token: f.write, body: { items: [{ type: "renew", loanExternalId: loanId, dueDate: "2027-01-01" }] } });
    expect(late.json.fields).toEqual({ "items[0].loanExternalId": [`loan "${loanId}" is not on loan`] });
    const unknownType = await call(events, { token: f.write, body: { items: [{ type: "explode" }] } });
    expect(unknownType.status).toBe(422);
    expect(Object.keys(unknownType.json.fields)).toEqual(["items[0].type"]);
  });
});

describe("a patron's notices and the OpenAPI document", () => {
  it("list a patron's notices (none yet) and describe every resource from the zod schemas", async () => {
    const patron = patronRow(f);
    await post("patrons", { items: [patron] });
    const notices = await call(getNotices, { token: f.read, params: { resource: "patrons", key: patron.cardNumber } });
    expect(notices.json).toEqual({ cardNumber: patron.cardNumber, notices: [], deliveries: [] });
    expect((await call(getNotices, { token: f.read, params: { resource: "items", key: "x" } })).status).toBe(404);

    const doc = (await call(openapi as never, {})).json;
    expect(doc.openapi).toBe("3.1.0");
    for (const resource of ["patrons", "items", "loans", "reservations", "charges", "suppliers", "categories", "groups"]) {
      expect(doc.paths[`/api/v1/${resource}/batch`].post.requestBody.content["application/json"].schema.properties.items.items.$ref).toMatch(/^#\/components\/schemas\//);
    }
    expect(doc.components.schemas.Patron.required).toEqual(expect.arrayContaining(["cardNumber", "firstName", "homeBranch", "category"]));
    expect(doc.components.schemas.Patron.properties.email.anyOf[0].format).toBe("email");
    expect(doc.paths["/api/v1/events"].post.requestBody.content["application/json"].schema.properties.items.items.$ref).toBe("#/components/schemas/CirculationEvent");
  });
});
