import { beforeAll, describe, expect, it } from "vitest";
import { POST as batch } from "@/app/api/v1/[resource]/batch/route";
import { POST as events } from "@/app/api/v1/events/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { prisma } from "@/lib/db/client";
import { uid } from "../../factories";
import { apiFixture, call, patronRow, type Fixture } from "./api-env";

// Claims (claimed returned / never borrowed) and their resolution: LCR / LCRNB while a claim is open, LCRR / LCRNBR
// once staff resolve it and flag it for a notice, whatever becomes of the loan afterwards.
let f: Fixture;
let card: string;
let barcode: string;
beforeAll(async () => {
  f = await apiFixture();
  const patron = patronRow(f);
  card = patron.cardNumber;
  barcode = `B-${uid()}`;
  expect((await post("patrons", [patron])).status).toBe(200);
  expect((await post("items", [{ barcode, title: "Claimed", branch: f.branch }])).status).toBe(200);
});

const post = (resource: string, items: unknown[]) => call(batch, { token: f.write, body: { items }, params: { resource } });
const apply = (items: unknown[]) => call(events, { token: f.write, body: { items } });
const iso = (d: Date | null) => d?.toISOString() ?? null;

async function claimedLoan(claim: "CLAIMED_RETURNED" | "CLAIMED_NEVER_BORROWED") {
  const loanExternalId = `L-${uid()}`;
  const res = await apply([
    { type: "checkout", loanExternalId, cardNumber: card, barcode, dueDate: "2026-11-20", at: "2026-11-01T10:00:00Z" },
    { type: "loan-status", loanExternalId, status: claim, at: "2026-11-22T10:00:00Z" },
  ]);
  expect(res.status).toBe(200);
  return loanExternalId;
}

async function resolution(externalId: string) {
  const l = await prisma.loan.findUniqueOrThrow({ where: { externalId } });
  return { status: l.status, statusSetAt: iso(l.statusSetAt), returnedAt: iso(l.returnedAt), resolvedClaim: l.resolvedClaim, notifyResolution: l.notifyResolution, statusResolvedAt: iso(l.statusResolvedAt) };
}

describe("loan-status-resolved", () => {
  it("records the claim resolved, flagged for a notice by default, at the event's instant; the loan keeps its claim", async () => {
    const loan = await claimedLoan("CLAIMED_RETURNED");
    expect((await apply([{ type: "loan-status-resolved", loanExternalId: loan, at: "2026-11-25T09:30:00+13:00" }])).status).toBe(200);
    expect(await resolution(loan)).toEqual({
      status: "CLAIMED_RETURNED", statusSetAt: "2026-11-22T10:00:00.000Z", returnedAt: null,
      resolvedClaim: "CLAIMED_RETURNED", notifyResolution: true, statusResolvedAt: "2026-11-24T20:30:00.000Z",
    });
    // Sent again (a retried request): the resolution keeps its first instant, the date of its notice.
    expect((await apply([{ type: "loan-status-resolved", loanExternalId: loan }])).status).toBe(200);
    expect((await resolution(loan)).statusResolvedAt).toBe("2026-11-24T20:30:00.000Z");
  });

  it("moves the loan to the status given (returned at the resolution), with or without a notice", async () => {
    const returned = await claimedLoan("CLAIMED_NEVER_BORROWED");
    const onLoan = await claimedLoan("CLAIMED_RETURNED");
    const res = await apply([
      { type: "loan-status-resolved", loanExternalId: returned, status: "RETURNED", notify: false, at: "2026-11-26T10:00:00Z" },
      { type: "loan-status-resolved", loanExternalId: onLoan, status: "ON_LOAN", at: "2026-11-27T10:00:00Z" },
    ]);
    expect(res.status).toBe(200);
    expect(await resolution(returned)).toEqual({
      status: "RETURNED", statusSetAt: "2026-11-26T10:00:00.000Z", returnedAt: "2026-11-26T10:00:00.000Z",
      resolvedClaim: "CLAIMED_NEVER_BORROWED", notifyResolution: false, statusResolvedAt: "2026-11-26T10:00:00.000Z",
    });
    expect(await resolution(onLoan)).toEqual({
      status: "ON_LOAN", statusSetAt: "2026-11-27T10:00:00.000Z", returnedAt: null,
      resolvedClaim: "CLAIMED_RETURNED", notifyResolution: true, statusResolvedAt: "2026-11-27T10:00:00.000Z",
    });

    // A loan no longer claimed has no claim to resolve; a claim status is not a resolution's outcome.
    const again = await apply([{ type: "loan-status-resolved", loanExternalId: onLoan }]);
    expect(again.json.fields).toEqual({ "items[0].loanExternalId": [`no claimed-returned or claimed-never-borrowed loan "${onLoan}"`] });
    const toClaim = await apply([{ type: "loan-status-resolved", loanExternalId: onLoan, status: "CLAIMED_RETURNED" }]);
    expect(Object.keys(toClaim.json.fields)).toEqual(["items[0].status"]);
    const notBoolean = await apply([{ type: "loan-status-resolved", loanExternalId: onLoan, notify: "yes" }]);
    expect(notBoolean.json.fields).toEqual({ "items[0].notify": ["true or false"] });
  });

  it("is kept by later status changes and loan upserts, and cleared by a new claim", async () => {
    const loan = await claimedLoan("CLAIMED_RETURNED");
    await apply([{ type: "loan-status-resolved", loanExternalId: loan, status: "ON_LOAN", at: "2026-11-25T10:00:00Z" }]);
    const resolved = { resolvedClaim: "CLAIMED_RETURNED", notifyResolution: true, statusResolvedAt: "2026-11-25T10:00:00.000Z" };

    expect((await apply([{ type: "loan-status", loanExternalId: loan, status: "LOST", at: "2026-11-28T10:00:00Z" }])).status).toBe(200);
    expect(await resolution(loan)).toMatchObject({ status: "LOST", ...resolved });
    const row = { externalId: loan, cardNumber: card, barcode, loanedAt: "2026-11-01T10:00:00Z", dueDate: "2026-11-20" };
    expect((await post("loans", [{ ...row, status: "RETURNED", returnedAt: "2026-11-29T10:00:00Z" }])).status).toBe(200);
    expect(await resolution(loan)).toMatchObject({ status: "RETURNED", ...resolved });

    // A new claim through the events starts unresolved (its LCR is due again).
    const reclaimed = await claimedLoan("CLAIMED_NEVER_BORROWED");
    await apply([{ type: "loan-status-resolved", loanExternalId: reclaimed, at: "2026-11-25T10:00:00Z" }]);
    expect((await apply([{ type: "loan-status", loanExternalId: reclaimed, status: "CLAIMED_RETURNED", at: "2026-11-30T10:00:00Z" }])).status).toBe(200);
    expect(await resolution(reclaimed)).toMatchObject({ status: "CLAIMED_RETURNED", resolvedClaim: null, notifyResolution: false, statusResolvedAt: null });
  });

  it("is kept when a loan upsert repeats the resolved claim, and cleared when it makes a new one", async () => {
    const loan = await claimedLoan("CLAIMED_RETURNED");
    await apply([{ type: "loan-status-resolved", loanExternalId: loan, at: "2026-11-25T10:00:00Z" }]);
    const row = { externalId: loan, cardNumber: card, barcode, loanedAt: "2026-11-01T10:00:00Z", dueDate: "2026-11-20" };
    // The library system still calls it claimed returned: the same claim, still resolved.
    await post("loans", [{ ...row, status: "CLAIMED_RETURNED" }]);
    expect(await resolution(loan)).toMatchObject({ resolvedClaim: "CLAIMED_RETURNED", notifyResolution: true, statusResolvedAt: "2026-11-25T10:00:00.000Z" });
    await post("loans", [{ ...row, status: "CLAIMED_NEVER_BORROWED" }]);
    expect(await resolution(loan)).toMatchObject({ status: "CLAIMED_NEVER_BORROWED", resolvedClaim: null, notifyResolution: false, statusResolvedAt: null });
  });

  it("is described in the OpenAPI document with its notify flag and status", async () => {
    const doc = (await call(openapi as never, {})).json;
    const resolved = doc.components.schemas.CirculationEvent.oneOf.find((e: { properties: { type: { const: string } } }) => e.properties.type.const === "loan-status-resolved");
    expect(resolved.properties.notify).toMatchObject({ type: "boolean", default: true });
    expect(resolved.properties.status.anyOf[0].enum).toEqual(["ON_LOAN", "RETURNED", "LOST", "LONG_OVERDUE", "REPORTED_LOST", "RECALLED"]);
  });
});

describe("retried requests (an ILS sending the same event twice)", () => {
  it("the same claim again keeps its date and its resolution; a resolution with a new status can be sent again", async () => {
    const loan = await claimedLoan("CLAIMED_RETURNED");
    expect((await apply([{ type: "loan-status-resolved", loanExternalId: loan, status: "RETURNED", at: "2026-11-26T10:00:00Z" }])).status).toBe(200);
    const first = await resolution(loan);
    // The resolution sent again after the loan moved on: accepted, nothing changes (not a 422 rolling back the batch).
    expect((await apply([{ type: "loan-status-resolved", loanExternalId: loan, status: "RETURNED", at: "2026-11-28T10:00:00Z" }])).status).toBe(200);
    expect(await resolution(loan)).toEqual(first);

    const open = await claimedLoan("CLAIMED_NEVER_BORROWED");
    expect((await apply([{ type: "loan-status-resolved", loanExternalId: open, at: "2026-11-25T10:00:00Z" }])).status).toBe(200);
    const resolved = await resolution(open);
    // The claim event itself sent again: the claim stays resolved (its LCRNBR still due) and keeps its date (LCRNB).
    expect((await apply([{ type: "loan-status", loanExternalId: open, status: "CLAIMED_NEVER_BORROWED", at: "2026-11-29T10:00:00Z" }])).status).toBe(200);
    expect(await resolution(open)).toEqual(resolved);
  });
});
