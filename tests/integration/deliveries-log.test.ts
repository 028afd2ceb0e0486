// The delivery log and delivery page (issue 14, item 3) over a real ledger: planned by the planner, sent by the
// worker to an in-process SMTP server. Each filter finds its own rows; keyset pages neither skip nor repeat a row
// across a page boundary (rows of one run share their createdAt, so the id decides); the delivery page shows each
// attempt with the server's reply and the message exactly as the server received it.
import { describe, expect, it } from "vitest";
import { getDelivery } from "@/lib/deliveries/get-delivery";
import { listDeliveries, type LogRow } from "@/lib/deliveries/list-deliveries";
import { parseLogQuery, type LogFilter, type PageKey } from "@/lib/deliveries/log-filters";
import { enqueueDeliveries } from "@/lib/notices/enqueue-deliveries";
import { planRun } from "@/lib/notices/plan-run";
import { localDate } from "@/lib/time/library-date";
import { engineSuite, SEND, waitFor } from "./notices/engine-env";
import { addLoan, addPatron, scenarioId } from "./notices/library-factory";

const suite = engineSuite("deliveries_log");
const sql = () => suite.lib.sql;
const db = () => suite.lib.db;
const TZ = "Europe/London";
const list = (filter: LogFilter, keys: { before?: PageKey; after?: PageKey; pageSize?: number } = {}) =>
  listDeliveries(db(), { filter, timeZone: TZ, ...keys });

async function planPreOverdue(date: string, patronIds: number[]) {
  const plan = await planRun(db(), { runDate: date, trigger: "REPLAY", scenarioIds: [await scenarioId(sql(), "pre-overdue")] });
  return db().delivery.findMany({ where: { runId: plan.runId!, patronId: { in: patronIds } }, orderBy: { id: "asc" } });
}

async function sendAndWait(ids: number[]) {
  await enqueueDeliveries(db(), suite.queue, ids, SEND);
  return waitFor(async () => {
    const rows = await db().delivery.findMany({ where: { id: { in: ids } } });
    return rows.every((d) => !["PLANNED", "QUEUED", "SENDING"].includes(d.status)) && rows;
  }, 30_000, "deliveries settled");
}

describe("delivery log", () => {
  it("filters by card, recipient, status, channel, scenario, level and the library's dates", async () => {
    const a = await addPatron(sql());
    const b = await addPatron(sql());
    await addLoan(sql(), a.id, "2027-10-03");
    await addLoan(sql(), b.id, "2027-10-03");
    const [da, db_] = await planPreOverdue("2027-10-01", [a.id, b.id]);
    await sendAndWait([da.id]);
    const pre = await scenarioId(sql(), "pre-overdue");
    const ids = async (filter: LogFilter) => (await list(filter)).rows.map((r) => r.id);

    expect(await ids({ card: a.cardNumber })).toEqual([da.id]);
    expect(await ids({ card: "no-such-card" })).toEqual([]);
    expect(await ids({ recipient: b.email! })).toEqual([db_.id]);
    expect(await ids({ card: a.cardNumber, status: "SENT" })).toEqual([da.id]);
    expect(await ids({ card: b.cardNumber, status: "SENT" })).toEqual([]);
    expect(await ids({ card: b.cardNumber, status: "PLANNED" })).toEqual([db_.id]);
    expect(await ids({ card: a.cardNumber, channel: "EMAIL" })).toEqual([da.id]);
    expect(await ids({ card: a.cardNumber, channel: "PRINT" })).toEqual([]);
    expect(await ids({ card: a.cardNumber, scenario: pre, level: 1 })).toEqual([da.id]);
    expect(await ids({ card: a.cardNumber, scenario: await scenarioId(sql(), "overdue") })).toEqual([]);
    expect(await ids({ card: a.cardNumber, level: 2 })).toEqual([]);
    const today = localDate(TZ);
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(await ids({ card: a.cardNumber, from: today, to: today })).toEqual([da.id]);
    expect(await ids({ card: a.cardNumber, from: tomorrow })).toEqual([]);
    expect(await ids({ card: a.cardNumber, to: "2020-01-01" })).toEqual([]);

    const row = (await list({ card: a.cardNumber })).rows[0];
    expect(row).toMatchObject({ cardNumber: a.cardNumber, address: a.email, status: "SENT", channel: "EMAIL", scenarioIds: [pre], level: 1 });
  });

  it("reads filters from the query string; a bad value is ignored and named, never an error", () => {
    const q = parseLogQuery({ card: " T1 ", status: "LOST", channel: "EMAIL", level: "x", from: "2026-02-30", to: "2026-12-01", before: "1;drop" });
    expect(q.filter).toEqual({ card: "T1", channel: "EMAIL", to: "2026-12-01" });
    expect(q.ignored.map((i) => i.name)).toEqual(["Level", "Status", "From", "Older page"]);
    expect(parseLogQuery({ from: "2026-12-05", to: "2026-12-01" }).filter).toEqual({ from: "2026-12-05" });
    expect(parseLogQuery({ before: "1764000000000.42" }).before).toEqual({ createdAt: new Date(1764000000000), id: 42 });
  });

  it("keyset pages neither skip nor repeat a row across page boundaries, Older then Newer alike", async () => {
    const patrons = await Promise.all(Array.from({ length: 7 }, () => addPatron(sql())));
    for (const p of patrons) await addLoan(sql(), p.id, "2027-11-03");
    await planPreOverdue("2027-11-01", patrons.map((p) => p.id)); // one transaction: every row shares its createdAt
    await planPreOverdue("2027-11-01", []); // nothing new: a second run adds no rows
    const all = (await list({}, { pageSize: 1000 })).rows.map((r) => r.id);
    const expected = (await sql().query<{ id: number }>(`SELECT id FROM "Delivery" ORDER BY "createdAt" DESC, id DESC`)).rows.map((r) => r.id);
    expect(all).toEqual(expected);

    const walked: number[] = [];
    const pages: LogRow[][] = [];
    let page = await list({}, { pageSize: 3 });
    expect(page.newer).toBeUndefined();
    for (;;) {
      pages.push(page.rows);
      walked.push(...page.rows.map((r) => r.id));
      if (!page.older) break;
      page = await list({}, { pageSize: 3, before: page.older });
    }
    expect(walked).toEqual(expected);
    // Back again with Newer from the last page: the same pages, in the same order.
    const back: LogRow[][] = [page.rows];
    while (page.newer) {
      page = await list({}, { pageSize: 3, after: page.newer });
      back.unshift(page.rows);
    }
    expect(back.map((p) => p.map((r) => r.id))).toEqual(pages.map((p) => p.map((r) => r.id)));
  });
});

describe("delivery page", () => {
  it("shows each attempt with the SMTP reply, the Message-ID, the notices and items, and the message as received", async () => {
    const patron = await addPatron(sql());
    const loan = await addLoan(sql(), patron.id, "2027-12-03", { title: "The Delivery Log Handbook" });
    const [delivery] = await planPreOverdue("2027-12-01", [patron.id]);
    let refused = 0;
    suite.catcher.setRespond((stage, { to }) => (stage === "rcpt" && to.includes(patron.email!) && refused++ === 0
      ? { code: 451, message: "4.3.0 Mailbox busy, try later" } : undefined));
    try {
      await sendAndWait([delivery.id]);
    } finally {
      suite.catcher.setRespond(undefined);
    }
    const found = (await getDelivery(db(), delivery.id))!;
    expect(found.delivery).toMatchObject({ status: "SENT", cardNumber: patron.cardNumber, address: patron.email, messageId: expect.stringMatching(`^<delivery-${delivery.id}@`) });
    expect(found.attempts.map((a) => [a.attempt, a.outcome, a.smtpCode])).toEqual([[1, "TEMPORARY_FAILURE", 451], [2, "SENT", 250]]);
    expect(found.attempts[0].response).toContain("Mailbox busy");
    expect(found.notices).toEqual([expect.objectContaining({ title: loan.title, dueDate: "2027-12-03", level: 1, status: "SENT", runId: delivery.runId })]);

    // Exactly what the server received: the stored MIME is the message the catcher got (which hands its test a
    // copy with bare LF line ends; nothing else differs).
    const [received] = suite.catcher.messages.filter((m) => m.to.includes(patron.email!));
    const lf = (s: string) => s.replaceAll("\r\n", "\n");
    expect(lf(found.delivery.sentMessage!)).toBe(lf(received.raw.toString("utf8")));
    expect(found.message).toMatchObject({ subject: found.delivery.subject, to: patron.email });
    expect(found.message!.html).toContain("The Delivery Log Handbook");
    expect(found.message!.text).toContain("The Delivery Log Handbook");
    expect(await getDelivery(db(), 2147483647)).toBeNull();
  });
});
