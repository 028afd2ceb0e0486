// Issue 15: emailing purchase orders and claims, through the real use-cases, Redis queue, worker and an in-process SMTP
// server. An order email arrives once with its lines, totals and a CSV that reads back to the same lines; a refusal is
// kept with the server's words; a double click, a second job or two staff at once send nothing twice; claims come on
// the days the supplier's claim period says, once per level, only for what is still to come; permissions and a
// cancelled order stop the send.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { simpleParser } from "mailparser";
import Papa from "papaparse";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Staff } from "@/lib/auth/load-staff";
import { getNeedsAttention } from "@/lib/dashboard/needs-attention";
import { sqlPool } from "@/lib/db/client";
import { sendOrderEmailJob } from "@/lib/jobs/notices";
import { cancelOrder } from "@/lib/orders/cancel-order";
import { enqueueOrderEmails } from "@/lib/orders/email/enqueue-order-emails";
import { planClaims, runScheduledClaims } from "@/lib/orders/email/plan-claims";
import { requestOrderEmail } from "@/lib/orders/email/request-order-email";
import { ZRequestOrderEmail } from "@/lib/orders/email/schemas";
import { listOrders } from "@/lib/orders/list-orders";
import { receiveOrder } from "@/lib/orders/receive-order";
import { saveOrder } from "@/lib/orders/save-order";
import { ZOrderInput } from "@/lib/orders/schemas";
import { saveSupplier } from "@/lib/suppliers/save-supplier";
import { ZSupplierInput } from "@/lib/suppliers/schemas";
import { uid } from "../../factories";
import { SEND, engineSuite, freshPrefix, redisUrl, waitFor } from "../notices/engine-env";

const suite = engineSuite("order_emails");
const db = () => suite.lib.db;
const pool = () => sqlPool(suite.lib.db);
const deps = () => ({ db: db(), queue: suite.queue, send: SEND });

// Each test leaves the claim settings as seeded (the suite restores only the notices' configuration).
afterEach(async () => {
  await db().acquisitionsSettings.update({ where: { id: 1 }, data: { maxClaimLevel: 3, claimsEnabled: true, claimsRunAt: "06:00" } });
});

async function staffMember(role: "ADMIN" | "ACQUISITIONS" | "CIRCULATION" | "READ_ONLY"): Promise<Staff> {
  const email = `staff.${uid()}@library.example`;
  const user = await db().staffUser.create({ data: { email, name: `${role} ${uid()}`, role, passwordHash: "x" } });
  return { id: user.id, email, name: user.name, role };
}

/** A supplier with two contacts for orders and one for claims, each address unique to the test (typed with capitals,
 * as staff may: the addresses returned are as the forms and the claims pass send them, in lower case). */
async function supplierWith(actor: Staff, claimPeriodDays = 30) {
  const tag = uid().toLowerCase();
  const address = { orders: `orders.${tag}@supplier.example`, accounts: `accounts.${tag}@supplier.example`, claims: `claims.${tag}@supplier.example` };
  const typed = (a: string) => a.replace(/^\w/, (c) => c.toUpperCase()).replace("supplier", "Supplier");
  const { supplier } = await saveSupplier(db(), ZSupplierInput.parse({
    code: `S${tag}`, name: `Books ${tag}`, currency: "EUR", claimPeriodDays, contacts: [
      { name: "Orders desk", email: typed(address.orders), receivesOrders: true },
      { name: "Accounts", email: typed(address.accounts), receivesOrders: true },
      { name: "Claims desk", email: typed(address.claims), receivesClaims: true },
    ],
  }), actor);
  return { supplier, ...address };
}

const LINES = [
  { title: "Middlemarch", author: "George Eliot", isbn: "978-0-306-40615-7", quantity: "3", unitPrice: "12.50" },
  { title: "Dune", isbn: "978-3-16-148410-0", quantity: 4, unitPrice: "0.99" },
];
const draft = async (supplierId: number, actor: Staff, lines: typeof LINES = LINES) =>
  (await saveOrder(db(), ZOrderInput.parse({ supplierId, taxRate: "20", lines }), actor)).order;

const key = () => `key-${uid()}`;
const emailOrder = (orderId: number, recipients: string[], staff: Staff | null, queue = suite.queue) =>
  requestOrderEmail({ ...deps(), queue }, ZRequestOrderEmail.parse({ orderId, what: "order", recipients, requestKey: key(), expectedEmails: 0 }), staff);

const ENDED = (s: string) => !["PLANNED", "QUEUED", "SENDING"].includes(s);
const ended = (id: number) => waitFor(async () => {
  const e = await db().orderEmail.findUnique({ where: { id } });
  return e && ENDED(e.status) ? e : null;
}, 20_000, `order email ${id}`);

/** What the SMTP server received for one OrderEmail row (its fixed Message-ID), with the envelope's recipients. */
const caughtFor = (emailId: number) => {
  const ids = suite.catcher.messageIds();
  return suite.catcher.messages.filter((_, i) => ids[i] === `<order-email-${emailId}@test-library.example>`);
};
const parsed = (emailId: number) => Promise.all(caughtFor(emailId).map((m) => simpleParser(m.raw)));
const csvRows = (content: Buffer) =>
  Papa.parse<Record<string, string>>(content.toString("utf8"), { header: true, skipEmptyLines: true }).data;
const pick = (rows: Record<string, string>[], fields: string[]) => rows.map((r) => Object.fromEntries(fields.map((f) => [f, r[f]])));

// A queue with no worker: an email requested through it stays QUEUED until the test hands it to the suite's worker.
const idle: { queue: Queue; connection: Redis }[] = [];
function idleQueue() {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("deliveries", { connection, prefix: freshPrefix() });
  idle.push({ queue, connection });
  return queue;
}
afterAll(async () => {
  for (const { queue, connection } of idle) {
    await queue.close();
    await connection.quit();
  }
});

describe("emailing an order", () => {
  it("sends it once to the chosen contacts with its lines, totals and a CSV of the same lines; the order becomes sent", async () => {
    const staff = await staffMember("ACQUISITIONS");
    const s = await supplierWith(staff);
    const order = await draft(s.supplier.id, staff);
    const made = await emailOrder(order.id, [s.orders, s.accounts], staff);
    expect(made).toMatchObject({ isNew: true, kind: "ORDER", number: order.number });

    const row = await ended(made.id);
    expect(row).toMatchObject({ status: "SENT", smtpCode: 250, kind: "ORDER", recipients: [s.orders, s.accounts], requestedBy: staff.email });
    expect(row.reply).toMatch(/^250\b/);
    const caught = caughtFor(made.id);
    expect(caught).toHaveLength(1);
    expect([...caught[0].to].sort()).toEqual([s.accounts, s.orders]);

    const [mail] = await parsed(made.id);
    expect(mail.subject).toContain(order.number);
    const html = String(mail.html);
    // Greeted by the first chosen contact's name (matched whatever the case the address was typed in).
    expect(html).toContain("Dear Orders desk");
    for (const text of ["Middlemarch", "Dune", "€12.50", "€37.50", "€3.96"]) expect(html).toContain(text);
    // 3 × 12.50 + 4 × 0.99 = 41.46; tax 20% = 8.29 (8.292 rounded); total 49.75.
    for (const money of ["€41.46", "€8.29", "€49.75"]) expect(html).toContain(money);
    expect(mail.attachments.map((a) => a.filename)).toEqual([`${order.number}.csv`]);
    expect(pick(csvRows(mail.attachments[0].content), ["order_number", "line_no", "title", "isbn", "quantity", "unit_price", "line_total"])).toEqual([
      { order_number: order.number, line_no: "1", title: "Middlemarch", isbn: "9780306406157", quantity: "3", unit_price: "12.50", line_total: "37.50" },
      { order_number: order.number, line_no: "2", title: "Dune", isbn: "9783161484100", quantity: "4", unit_price: "0.99", line_total: "3.96" },
    ]);

    const after = await db().purchaseOrder.findUniqueOrThrow({ where: { id: order.id } });
    expect(after.status).toBe("SENT");
    expect(after.sentAt).not.toBeNull();
    const audit = await db().auditLog.findMany({ where: { entity: "purchase-order", entityId: String(order.id), action: "purchase-order.email" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: staff.id, details: { emailId: made.id, recipients: [s.orders, s.accounts], after: { status: "SENT" } } });
  });

  it("keeps a 550 refusal with the server's words and leaves the order unsent; a 451 is retried and sent once", async () => {
    const staff = await staffMember("ACQUISITIONS");
    const s = await supplierWith(staff);
    const refused = await draft(s.supplier.id, staff);
    let tempFailed = false;
    suite.catcher.setRespond((stage, info) => {
      if (stage !== "rcpt") return;
      if (info.to.includes(s.orders)) return { code: 550, message: "5.1.1 no such mailbox at this supplier" };
      if (info.to.includes(s.accounts) && !tempFailed) {
        tempFailed = true;
        return { code: 451, message: "4.3.0 try again later" };
      }
    });
    try {
      const failed = await emailOrder(refused.id, [s.orders], staff);
      const row = await ended(failed.id);
      expect(row).toMatchObject({ status: "FAILED", smtpCode: 550 });
      expect(row.reply).toContain("no such mailbox at this supplier");
      expect(caughtFor(failed.id)).toHaveLength(0);
      expect((await db().purchaseOrder.findUniqueOrThrow({ where: { id: refused.id } })).sentAt).toBeNull();
      // Staff are told: the home page's count and the orders list filtered to it name this order, until it goes.
      const attention = async () => (await getNeedsAttention(db())).find((a) => a.key === "supplier");
      expect((await attention())?.count).toBeGreaterThanOrEqual(1);
      expect((await listOrders(db(), { email: "problem" })).rows.map((o) => o.id)).toContain(refused.id);
      // A claim is refused until the supplier's server has accepted the order (it would say "sent on" nothing).
      await expect(requestOrderEmail(deps(), ZRequestOrderEmail.parse({ orderId: refused.id, what: "claim", recipients: [s.orders], requestKey: key(), expectedEmails: 1 }), staff))
        .rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("has not reached the supplier yet") });
      const again = await requestOrderEmail(deps(), ZRequestOrderEmail.parse({
        orderId: refused.id, what: "order", again: true, reason: "address corrected", recipients: [`fixed.${uid()}@supplier.example`], requestKey: key(), expectedEmails: 1 }), staff);
      expect(await ended(again.id)).toMatchObject({ status: "SENT", resendOfId: failed.id, reason: "address corrected" });
      expect((await db().purchaseOrder.findUniqueOrThrow({ where: { id: refused.id } })).sentAt).not.toBeNull();
      expect((await listOrders(db(), { email: "problem" })).rows.map((o) => o.id)).not.toContain(refused.id);

      const retried = await draft(s.supplier.id, staff);
      const made = await emailOrder(retried.id, [s.accounts], staff);
      const sent = await ended(made.id);
      expect(tempFailed).toBe(true);
      expect(sent).toMatchObject({ status: "SENT", smtpCode: 250, attempts: 2 });
      expect(caughtFor(made.id)).toHaveLength(1);
      expect((await db().purchaseOrder.findUniqueOrThrow({ where: { id: retried.id } })).sentAt).not.toBeNull();
    } finally {
      suite.catcher.setRespond(undefined);
    }
  });

  it("sends nothing twice: the same form twice at once, a second job for the same email, two staff claiming at once", async () => {
    const staff = await staffMember("ACQUISITIONS");
    const s = await supplierWith(staff);
    const order = await draft(s.supplier.id, staff);
    const input = ZRequestOrderEmail.parse({ orderId: order.id, what: "order", recipients: [s.orders], requestKey: key(), expectedEmails: 0 });
    const [a, b] = await Promise.all([requestOrderEmail(deps(), input, staff), requestOrderEmail(deps(), input, staff)]);
    expect(a.id).toBe(b.id);
    expect([a.isNew, b.isNew].sort()).toEqual([false, true]);
    expect(await db().orderEmail.count({ where: { orderId: order.id } })).toBe(1);
    expect(await ended(a.id)).toMatchObject({ status: "SENT" });
    expect(caughtFor(a.id)).toHaveLength(1);

    // A second job for the row already sent (a retry after a crash, a stray duplicate): it claims nothing.
    const jobId = `extra-${uid()}`;
    await suite.queue.add(sendOrderEmailJob.name, { emailId: a.id }, { jobId, removeOnComplete: false, removeOnFail: false });
    const job = await waitFor(async () => {
      const j = await suite.queue.getJob(jobId);
      return j && (await j.isCompleted()) ? j : null;
    }, 20_000, "the extra job");
    expect(job.returnvalue).toEqual({ result: "not-claimed" });
    expect(caughtFor(a.id)).toHaveLength(1);
    expect(await db().orderEmail.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "SENT", attempts: 1 });

    // Two staff claim from pages loaded with the same one email: one claim, the other refused.
    const other = await staffMember("ADMIN");
    const claim = (who: Staff) => requestOrderEmail(deps(), ZRequestOrderEmail.parse({
      orderId: order.id, what: "claim", recipients: [s.claims], requestKey: key(), expectedEmails: 1,
    }), who);
    const results = await Promise.allSettled([claim(staff), claim(other)]);
    const ok = results.filter((r) => r.status === "fulfilled").map((r) => r.value);
    const refused = results.filter((r) => r.status === "rejected").map((r) => r.reason);
    expect(ok).toHaveLength(1);
    expect(ok[0]).toMatchObject({ isNew: true, kind: "CLAIM", claimLevel: 1 });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("claim 1") });
    expect(await db().orderEmail.count({ where: { orderId: order.id, kind: "CLAIM" } })).toBe(1);
    expect(await ended(ok[0].id)).toMatchObject({ status: "SENT", recipients: [s.claims] });
    expect(caughtFor(ok[0].id)).toHaveLength(1);
  });

  it("refuses read-only and circulation staff (and no one), and a form counting emails the order never had, writing nothing", async () => {
    const owner = await staffMember("ACQUISITIONS");
    const s = await supplierWith(owner);
    const order = await draft(s.supplier.id, owner);
    for (const who of [await staffMember("READ_ONLY"), await staffMember("CIRCULATION"), null]) {
      await expect(emailOrder(order.id, [s.orders], who)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    // A page that believed the order had an email already (a stale or altered form): refused, not a crash.
    await expect(requestOrderEmail(deps(), ZRequestOrderEmail.parse({ orderId: order.id, what: "order", recipients: [s.orders], requestKey: key(), expectedEmails: 1 }), owner))
      .rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().orderEmail.count({ where: { orderId: order.id } })).toBe(0);
    expect(await db().auditLog.count({ where: { entity: "purchase-order", entityId: String(order.id), action: { startsWith: "purchase-order.email" } } })).toBe(0);
    expect(await db().purchaseOrder.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "DRAFT", sentAt: null });
  });

  it("skips a queued email whose order was cancelled before it went", async () => {
    const staff = await staffMember("ACQUISITIONS");
    const s = await supplierWith(staff);
    const order = await draft(s.supplier.id, staff);
    const made = await emailOrder(order.id, [s.orders], staff, idleQueue());
    expect(await db().orderEmail.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({ status: "QUEUED" });
    await cancelOrder(db(), order.id, staff);
    await enqueueOrderEmails(pool(), suite.queue, [made.id], SEND);
    const row = await ended(made.id);
    expect(row).toMatchObject({ status: "SKIPPED", sentAt: null, reply: expect.stringContaining("cancelled") });
    expect(caughtFor(made.id)).toHaveLength(0);
    expect(await db().purchaseOrder.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "CANCELLED", sentAt: null });
  });
});

describe("claims", () => {
  const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  /** An order placed on `date` (noon UTC, the same day in London) without an email: as if its email had gone then. */
  const sentOn = async (orderId: number, date: string) =>
    suite.lib.sql.query(`UPDATE "PurchaseOrder" SET status = 'SENT', "sentAt" = $2 WHERE id = $1`, [orderId, `${date}T12:00:00Z`]);
  const pass = async (runDate: string, orderIds: number[]) =>
    (await planClaims(pool(), { runDate, key: `test:${runDate}:${uid()}`, requestedBy: "test" })).claims.filter((c) => orderIds.includes(c.orderId));

  it("claims what is still to come a claim period after sending, once per level, up to the settings' last level", async () => {
    const N = 10;
    const D = "2020-03-02";
    const staff = await staffMember("ACQUISITIONS");
    const s = await supplierWith(staff, N);
    const order = await draft(s.supplier.id, staff);
    await sentOn(order.id, D);
    const [first, second] = order.lines;
    await receiveOrder(db(), { id: order.id, lines: [{ lineId: first.id, received: 3 }, { lineId: second.id, received: 1 }] }, staff);
    // Fully received: never claimed.
    const done = await draft(s.supplier.id, staff, [LINES[0]]);
    await sentOn(done.id, D);
    await receiveOrder(db(), { id: done.id, lines: [{ lineId: done.lines[0].id, received: 3 }] }, staff);
    const mine = [order.id, done.id];

    expect(await pass(addDays(D, N - 1), mine)).toEqual([]);
    const level1 = await pass(addDays(D, N), mine);
    expect(level1).toEqual([{ id: expect.any(Number), orderId: order.id, level: 1 }]);
    await enqueueOrderEmails(pool(), suite.queue, [level1[0].id], SEND);
    expect(await ended(level1[0].id)).toMatchObject({ status: "SENT", kind: "CLAIM", claimLevel: 1, recipients: [s.claims] });
    const caught = caughtFor(level1[0].id);
    expect(caught).toHaveLength(1);
    expect(caught[0].to).toEqual([s.claims]);
    const [mail] = await parsed(level1[0].id);
    expect(String(mail.html)).toContain("Dear Claims desk");
    expect(String(mail.html)).toContain("Dune");
    expect(String(mail.html)).not.toContain("Middlemarch");
    expect(mail.attachments.map((a) => a.filename)).toEqual([`${order.number}-claim-1.csv`]);
    expect(pick(csvRows(mail.attachments[0].content), ["line_no", "title", "ordered", "received", "outstanding"]))
      .toEqual([{ line_no: "2", title: "Dune", ordered: "4", received: "1", outstanding: "3" }]);

    // The same date again (another pass, another key): nothing more. The next level a period after the first claim.
    expect(await pass(addDays(D, N), mine)).toEqual([]);
    expect(await pass(addDays(D, 2 * N - 1), mine)).toEqual([]);
    expect(await pass(addDays(D, 2 * N), mine)).toEqual([{ id: expect.any(Number), orderId: order.id, level: 2 }]);
    await db().acquisitionsSettings.update({ where: { id: 1 }, data: { maxClaimLevel: 2 } });
    expect(await pass(addDays(D, 3 * N), mine)).toEqual([]);
    await db().acquisitionsSettings.update({ where: { id: 1 }, data: { maxClaimLevel: 3 } });
    expect(await pass(addDays(D, 3 * N), mine)).toEqual([{ id: expect.any(Number), orderId: order.id, level: 3 }]);
    expect(await pass(addDays(D, 9 * N), mine)).toEqual([]);

    const claims = await db().orderEmail.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
    expect(claims.map((c) => [c.kind, c.claimLevel, c.claimDate?.toISOString().slice(0, 10)]))
      .toEqual([["CLAIM", 1, addDays(D, N)], ["CLAIM", 2, addDays(D, 2 * N)], ["CLAIM", 3, addDays(D, 3 * N)]]);
    expect(await db().orderEmail.count({ where: { orderId: done.id } })).toBe(0);
  });

  it("refuses a claim on demand made while the claims pass is claiming the same level", async () => {
    const staff = await staffMember("ACQUISITIONS");
    const s = await supplierWith(staff, 10);
    const order = await draft(s.supplier.id, staff);
    await sentOn(order.id, "2020-06-01");
    // The pass's insert of claim 1, not yet committed, as planClaims holds it inside its transaction.
    const passTx = new pg.Client({ connectionString: suite.lib.url });
    await passTx.connect();
    try {
      await passTx.query("BEGIN");
      await passTx.query(`INSERT INTO "OrderEmail" ("orderId", kind, "claimLevel", "claimDate", recipients, "requestedBy")
        VALUES ($1, 'CLAIM', 1, '2020-06-11', ARRAY[$2], 'claims schedule')`, [order.id, s.claims]);
      const asked = requestOrderEmail(deps(), ZRequestOrderEmail.parse({ orderId: order.id, what: "claim", recipients: [s.claims], requestKey: key(), expectedEmails: 0 }), staff)
        .then(() => null, (err: unknown) => err);
      // Staff's request waits (the pass's row holds a key-share lock on the order, the request locks it for update),
      // then counts the pass's claim and is refused as a stale page.
      await waitFor(async () => (await suite.lib.sql.query(`SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE NOT l.granted AND a.datname = current_database()`)).rowCount, 10_000, "the claim waiting on the pass");
      await passTx.query("COMMIT");
      expect(await asked).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("claim 1") });
    } finally {
      await passTx.end();
    }
    expect(await db().orderEmail.count({ where: { orderId: order.id } })).toBe(1);
    expect(await db().auditLog.count({ where: { entity: "purchase-order", entityId: String(order.id), action: { startsWith: "purchase-order.claim" } } })).toBe(0);
  });

  it("runs the daily pass once per day, however often the sweep asks, and not before the settings' time", async () => {
    const staff = await staffMember("ACQUISITIONS");
    const s = await supplierWith(staff, 10);
    const order = await draft(s.supplier.id, staff);
    await sentOn(order.id, "2019-01-10");

    expect(await runScheduledClaims(pool(), suite.queue, SEND, new Date("2019-01-20T05:59:00Z"))).toBeNull();
    const now = new Date("2019-01-20T12:00:00Z");
    const runs = await Promise.all([runScheduledClaims(pool(), suite.queue, SEND, now), runScheduledClaims(pool(), suite.queue, SEND, now)]);
    const ran = runs.filter((r) => r?.runId);
    expect(ran).toHaveLength(1);
    expect(runs.filter((r) => r && r.runId === null)).toHaveLength(1);
    expect(ran[0]!.claims).toEqual([{ id: expect.any(Number), orderId: order.id, level: 1 }]);
    expect(await db().claimRun.findMany({ where: { key: "scheduled:2019-01-20" } })).toEqual([expect.objectContaining({ claims: 1 })]);
    expect(await ended(ran[0]!.claims[0].id)).toMatchObject({ status: "SENT", requestedBy: "claims schedule", recipients: [s.claims] });
    expect(caughtFor(ran[0]!.claims[0].id)).toHaveLength(1);
    expect(await runScheduledClaims(pool(), suite.queue, SEND, new Date("2019-01-20T18:00:00Z"))).toMatchObject({ runId: null, claims: [] });
    expect(await db().orderEmail.count({ where: { orderId: order.id } })).toBe(1);

    // Claims switched off: no pass at all.
    await db().acquisitionsSettings.update({ where: { id: 1 }, data: { claimsEnabled: false } });
    expect(await runScheduledClaims(pool(), suite.queue, SEND, new Date("2019-02-20T12:00:00Z"))).toBeNull();
    expect(await db().claimRun.count({ where: { key: "scheduled:2019-02-20" } })).toBe(0);
  });
});
