// Issue 14 item 4: staff actions on deliveries, through the real planner, worker, Redis queue and an in-process SMTP
// server. Each action is called twice at once (a double click, two staff): exactly one takes effect, the other is
// refused naming who acted first. Permission is checked at the use-case boundary (a read-only staff member is refused).
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import type { Staff } from "@/lib/auth/load-staff";
import { cancelDelivery } from "@/lib/deliveries/cancel-delivery";
import { resendDelivery } from "@/lib/deliveries/resend-delivery";
import { retryDelivery } from "@/lib/deliveries/retry-delivery";
import { settleDelivery } from "@/lib/deliveries/settle-delivery";
import { sendDeliveryJob } from "@/lib/jobs/notices";
import { getRunProgress, startReplay } from "@/lib/notices/start-replay";
import { uid } from "../../factories";
import { SEND, engineSuite, freshPrefix, redisUrl, startEngineWorker, waitFor } from "./engine-env";
import { addLoan, addPatron } from "./library-factory";

const suite = engineSuite("delivery_actions");
const db = () => suite.lib.db;
const sql = () => suite.lib.sql;

async function staffMember(role: "ADMIN" | "CIRCULATION" | "READ_ONLY"): Promise<Staff> {
  const email = `staff.${uid()}@library.example`;
  const user = await db().staffUser.create({ data: { email, name: `${role} ${uid()}`, role, passwordHash: "x" } });
  return { id: user.id, email, name: user.name, role };
}

/** One patron with a loan due on `date`, their pre-overdue reminder planned and sent through `queue` (the suite's
 * worker when not given); returns the patron and the delivery once it has ended. */
async function sentDelivery(date: string, options: { queue?: Queue; until?: (status: string) => boolean } = {}) {
  const patron = await addPatron(sql());
  const loan = await addLoan(sql(), patron.id, date);
  const run = await startReplay(db(), { runDate: date, scenarioCodes: ["pre-overdue"], requestedBy: "test", queue: options.queue ?? suite.queue, send: SEND });
  const until = options.until ?? ((s) => !["PLANNED", "QUEUED", "SENDING"].includes(s));
  const delivery = await waitFor(async () => {
    const d = await db().delivery.findFirst({ where: { runId: run.runId, patronId: patron.id } });
    return d && until(d.status) ? d : null;
  }, 30_000, "the delivery");
  return { patron, loan, delivery, runId: run.runId };
}

const outcomes = (results: PromiseSettledResult<unknown>[]) => ({
  ok: results.filter((r) => r.status === "fulfilled"),
  refused: results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as Error),
});
const auditRows = (deliveryId: number) => db().auditLog.findMany({ where: { entity: "delivery", entityId: String(deliveryId) }, orderBy: { id: "asc" } });

// Queues without a worker, so a delivery can be left QUEUED with its job waiting in Redis.
const idle: { queue: Queue; connection: Redis }[] = [];
function idleQueue(prefix = freshPrefix()) {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("deliveries", { connection, prefix });
  idle.push({ queue, connection });
  return { queue, prefix };
}
afterAll(async () => {
  for (const { queue, connection } of idle) {
    await queue.close();
    await connection.quit();
  }
});

describe("resend", () => {
  it("sends one new message with a new Message-ID under two concurrent resends, and records who and why", async () => {
    const admin = await staffMember("ADMIN");
    const other = await staffMember("CIRCULATION");
    const { patron, delivery } = await sentDelivery("2026-10-01");
    expect(delivery.status).toBe("SENT");
    const deps = { db: db(), queue: suite.queue, send: SEND };
    const { ok, refused } = outcomes(await Promise.allSettled([
      resendDelivery(deps, { deliveryId: delivery.id, reason: "Patron lost the letter", expectedResends: 0 }, admin),
      resendDelivery(deps, { deliveryId: delivery.id, reason: "Patron phoned", expectedResends: 0 }, other),
    ]));
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].message).toMatch(/^Already resent by (ADMIN|CIRCULATION) \S+ at .*\(delivery #\d+\)/);

    const resends = await db().delivery.findMany({ where: { resendOfId: delivery.id } });
    expect(resends).toHaveLength(1);
    const resend = await waitFor(async () => {
      const d = await db().delivery.findFirst({ where: { id: resends[0].id } });
      return d?.status === "SENT" ? d : null;
    }, 30_000, "the resend sent");
    expect(resend).toMatchObject({ patronId: patron.id, address: patron.email, runId: delivery.runId, noticeIds: delivery.noticeIds });
    const mail = await suite.mailTo(patron.email!);
    expect(mail).toHaveLength(2); // the first message and exactly one resend
    expect(mail.map((m) => m.messageId).sort()).toEqual([delivery.messageId, resend.messageId].sort());
    expect(resend.messageId).toBe(`<delivery-${resend.id}@test-library.example>`);
    expect(resend.messageId).not.toBe(delivery.messageId);

    const audit = await auditRows(delivery.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "delivery.resend", details: { resendId: resend.id, messageId: resend.messageId, address: patron.email } });
    expect([admin.id, other.id]).toContain(audit[0].actorId);

    // The form that saw one resend may resend again (the patron asked twice); a stale form may not.
    await expect(resendDelivery(deps, { deliveryId: delivery.id, reason: "again", expectedResends: 0 }, admin)).rejects.toThrow(/Already resent/);
    // A resend is not resent itself (its original counts every copy of the letter), and nothing is written.
    await expect(resendDelivery(deps, { deliveryId: resend.id, reason: "from the copy", expectedResends: 0 }, other))
      .rejects.toThrow(`This is a resend of delivery #${delivery.id}`);
    expect(await db().delivery.count({ where: { resendOfId: resend.id } })).toBe(0);
    expect(await auditRows(resend.id)).toHaveLength(0);
  });

  it("lists what still holds: a book returned since the first letter is left out of the resend", async () => {
    const admin = await staffMember("ADMIN");
    const patron = await addPatron(sql());
    const kept = await addLoan(sql(), patron.id, "2026-10-09", { title: `Kept ${uid()}` });
    const returned = await addLoan(sql(), patron.id, "2026-10-09", { title: `Returned ${uid()}` });
    await suite.replayAndWait("2026-10-09", ["pre-overdue"]);
    const [first] = await suite.mailTo(patron.email!);
    expect(first.text).toContain(kept.title);
    expect(first.text).toContain(returned.title);
    const delivery = await db().delivery.findFirstOrThrow({ where: { patronId: patron.id, status: "SENT" } });
    await sql().query(`UPDATE "Loan" SET status = 'RETURNED', "returnedAt" = now() WHERE id = $1`, [returned.id]);
    const { id } = await resendDelivery({ db: db(), queue: suite.queue, send: SEND }, { deliveryId: delivery.id, reason: "asked", expectedResends: 0 }, admin);
    await waitFor(async () => (await db().delivery.findFirst({ where: { id } }))?.status === "SENT", 30_000, "the resend sent");
    const mail = await suite.mailTo(patron.email!);
    expect(mail).toHaveLength(2);
    const resent = mail.find((m) => m.messageId !== first.messageId)!;
    expect(resent.text).toContain(kept.title);
    expect(resent.text).not.toContain(returned.title);
    // The notices keep the status of the letter that told them (SENT), not a skip from the resend.
    const statuses = await sql().query(`SELECT status::text FROM "Notice" WHERE id = ANY($1::int[])`, [delivery.noticeIds]);
    expect(statuses.rows.map((r) => r.status)).toEqual(["SENT", "SENT"]);
  });

  it("refuses when nothing in the letter still holds (the book was returned since)", async () => {
    const admin = await staffMember("ADMIN");
    const { loan, delivery } = await sentDelivery("2026-10-02");
    await sql().query(`UPDATE "Loan" SET status = 'RETURNED', "returnedAt" = now() WHERE id = $1`, [loan.id]);
    await expect(resendDelivery({ db: db(), queue: suite.queue, send: SEND }, { deliveryId: delivery.id, reason: "asked", expectedResends: 0 }, admin))
      .rejects.toThrow(/Nothing left to tell/);
    expect(await db().delivery.count({ where: { resendOfId: delivery.id } })).toBe(0);
  });
});

describe("cancel", () => {
  it("cancels a queued delivery once; its job then finds it cancelled and the worker never sends it", async () => {
    const admin = await staffMember("ADMIN");
    const other = await staffMember("CIRCULATION");
    const { queue, prefix } = idleQueue();
    const { patron, delivery } = await sentDelivery("2026-10-03", { queue, until: (s) => s === "QUEUED" });
    expect(await queue.getJob(sendDeliveryJob.jobId(delivery.id))).toBeTruthy();
    const { ok, refused } = outcomes(await Promise.allSettled([
      cancelDelivery(db(), { deliveryId: delivery.id, reason: "Patron moved away" }, admin),
      cancelDelivery(db(), { deliveryId: delivery.id, reason: "duplicate" }, other),
    ]));
    expect(ok).toHaveLength(1);
    expect(refused.map((e) => e.message)).toEqual([expect.stringMatching(/^Already cancelled by .* It is now cancelled\.$/)]);

    // A worker for that queue takes the waiting job: the claim finds the row cancelled and sends nothing.
    const worker = await startEngineWorker(suite.lib, suite.catcher.port, prefix);
    try {
      await waitFor(async () => (await queue.getJobCounts("wait", "active", "delayed")).wait === 0
        && (await queue.getJobCounts("active")).active === 0, 30_000, "the job handled");
    } finally {
      await worker.stop();
    }
    const after = await db().delivery.findFirstOrThrow({ where: { id: delivery.id } });
    expect(after).toMatchObject({ status: "CANCELLED", attempts: 0, lastError: null });
    expect(suite.catcher.messages.filter((m) => m.to.includes(patron.email!))).toHaveLength(0);
    const notice = await sql().query(`SELECT status FROM "Notice" WHERE id = ANY($1::int[])`, [delivery.noticeIds]);
    expect(notice.rows.map((r) => r.status)).toEqual(["CANCELLED"]);
    const audit = await auditRows(delivery.id);
    expect(audit.map((a) => [a.action, (a.details as { was: string }).was])).toEqual([["delivery.cancel", "QUEUED"]]);
    expect(["Patron moved away", "duplicate"]).toContain((audit[0].details as { reason: string }).reason);
  });

  it("refuses to cancel a delivery already sent", async () => {
    const admin = await staffMember("ADMIN");
    const { delivery } = await sentDelivery("2026-10-04");
    await expect(cancelDelivery(db(), { deliveryId: delivery.id, reason: "too late" }, admin)).rejects.toThrow(/Only a planned or queued delivery can be cancelled\. It is now sent\./);
  });
});

describe("settle an unknown outcome", () => {
  it("as sent: SENT once, posting the level's processing charge once, as a real send does", async () => {
    const admin = await staffMember("ADMIN");
    const other = await staffMember("CIRCULATION");
    await sql().query(`UPDATE "ScenarioLevel" SET "processingChargeCode" = 'NOTICE', "processingChargeAmount" = 1.25
      WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = 'pre-overdue')`);
    // The connection is lost after the server received the "." (the real sender's UNKNOWN).
    const tag = uid();
    suite.catcher.setRespond((stage, { to }) => (stage === "data" && to.some((a) => a.includes(tag)) ? { drop: true } : undefined));
    const patron = await addPatron(sql(), { email: `unknown.${tag}@example.net` });
    await addLoan(sql(), patron.id, "2026-10-05");
    const run = await startReplay(db(), { runDate: "2026-10-05", scenarioCodes: ["pre-overdue"], requestedBy: "test", queue: suite.queue, send: SEND });
    await waitFor(async () => (await getRunProgress(db(), run.runId))?.isEmailDone, 30_000, "run done");
    suite.catcher.setRespond(undefined);
    const delivery = await db().delivery.findFirstOrThrow({ where: { runId: run.runId, patronId: patron.id } });
    expect(delivery.status).toBe("UNKNOWN");
    const charges = () => db().charge.findMany({ where: { patronId: patron.id, kind: "PROCESSING" } });
    expect(await charges()).toHaveLength(0);

    const { ok, refused } = outcomes(await Promise.allSettled([
      settleDelivery(db(), { deliveryId: delivery.id, reason: "Patron confirmed it arrived", outcome: "sent" }, admin),
      settleDelivery(db(), { deliveryId: delivery.id, reason: "checked the relay log", outcome: "sent" }, other),
    ]));
    expect(ok).toHaveLength(1);
    expect(refused[0].message).toMatch(/^Already settled as sent by .* It is now sent\.$/);
    const posted = await charges();
    expect(posted.map((c) => [c.code, c.amount.toString(), c.noticeId])).toEqual([["NOTICE", "1.25", delivery.noticeIds[0]]]);
    expect((await db().delivery.findFirstOrThrow({ where: { id: delivery.id } })).status).toBe("SENT");
    expect((await sql().query(`SELECT status FROM "Notice" WHERE id = $1`, [delivery.noticeIds[0]])).rows[0].status).toBe("SENT");
    const audit = await auditRows(delivery.id);
    expect(audit.map((a) => [a.action, (a.details as { chargesPosted: string[] }).chargesPosted])).toEqual([["delivery.settle-sent", ["NOTICE 1.25"]]]);
    // Nothing was sent again by settling.
    expect(suite.catcher.messages.filter((m) => m.to.includes(patron.email!))).toHaveLength(1);
  });

  it("as not sent: FAILED once with who and why, and it can then be retried", async () => {
    const admin = await staffMember("ADMIN");
    const tag = uid();
    suite.catcher.setRespond((stage, { to }) => (stage === "data" && to.some((a) => a.includes(tag)) ? { drop: true } : undefined));
    const patron = await addPatron(sql(), { email: `lost.${tag}@example.net` });
    await addLoan(sql(), patron.id, "2026-10-06");
    const run = await startReplay(db(), { runDate: "2026-10-06", scenarioCodes: ["pre-overdue"], requestedBy: "test", queue: suite.queue, send: SEND });
    await waitFor(async () => (await getRunProgress(db(), run.runId))?.isEmailDone, 30_000, "run done");
    suite.catcher.setRespond(undefined);
    const delivery = await db().delivery.findFirstOrThrow({ where: { runId: run.runId, patronId: patron.id } });
    expect(delivery.status).toBe("UNKNOWN");
    const { ok, refused } = outcomes(await Promise.allSettled([1, 2].map(() =>
      settleDelivery(db(), { deliveryId: delivery.id, reason: "relay has no record", outcome: "not-sent" }, admin))));
    expect([ok.length, refused.length]).toEqual([1, 1]);
    const failed = await db().delivery.findFirstOrThrow({ where: { id: delivery.id } });
    expect(failed.status).toBe("FAILED");
    expect(failed.lastError).toBe(`settled as not sent by ${admin.name}: relay has no record`);
    await retryDelivery({ db: db(), queue: suite.queue, send: SEND }, { deliveryId: delivery.id, expectedAttempts: failed.attempts }, admin);
    await waitFor(async () => (await db().delivery.findFirst({ where: { id: delivery.id } }))?.status === "SENT", 30_000, "sent after retry");
    expect(suite.catcher.messages.filter((m) => m.to.includes(patron.email!))).toHaveLength(2); // the lost one and the retry
  });
});

describe("retry", () => {
  it("sends a FAILED (550) delivery once to the contact's corrected address, though delivery-<id> is still in Redis", async () => {
    const admin = await staffMember("ADMIN");
    const other = await staffMember("CIRCULATION");
    const tag = uid();
    const wrong = `wrong.${tag}@example.net`;
    suite.catcher.setRespond((stage, { to }) => (stage === "rcpt" && to.includes(wrong) ? { code: 550, message: "5.1.1 No such mailbox" } : undefined));
    const patron = await addPatron(sql(), { email: wrong });
    await addLoan(sql(), patron.id, "2026-10-07");
    const run = await startReplay(db(), { runDate: "2026-10-07", scenarioCodes: ["pre-overdue"], requestedBy: "test", queue: suite.queue, send: SEND });
    await waitFor(async () => (await getRunProgress(db(), run.runId))?.isEmailDone, 30_000, "run done");
    suite.catcher.setRespond(undefined);
    const delivery = await db().delivery.findFirstOrThrow({ where: { runId: run.runId, patronId: patron.id } });
    expect(delivery).toMatchObject({ status: "FAILED", smtpCode: 550, attempts: 1 });

    // A job kept under the delivery's own id (a completed job not removed): adding another under that id is ignored.
    const stale = await suite.queue.add(sendDeliveryJob.name, { deliveryId: delivery.id }, { jobId: sendDeliveryJob.jobId(delivery.id), removeOnComplete: false });
    await waitFor(async () => (await stale.getState()) === "completed", 30_000, "the kept job completed");

    const right = `right.${tag}@example.net`;
    await sql().query(`UPDATE "Patron" SET email = $2 WHERE id = $1`, [patron.id, right]);
    const deps = { db: db(), queue: suite.queue, send: SEND };
    const { ok, refused } = outcomes(await Promise.allSettled([
      retryDelivery(deps, { deliveryId: delivery.id, expectedAttempts: 1 }, admin),
      retryDelivery(deps, { deliveryId: delivery.id, expectedAttempts: 1 }, other),
    ]));
    expect([ok.length, refused.length]).toEqual([1, 1]);
    expect(refused[0].message).toMatch(/^Already retried by .* It is now (queued|sending|sent)\.$/);
    const sent = await waitFor(async () => {
      const d = await db().delivery.findFirst({ where: { id: delivery.id } });
      return d?.status === "SENT" ? d : null;
    }, 30_000, "sent after retry");
    expect(sent).toMatchObject({ address: right, attempts: 2, smtpCode: 250, lastError: null });
    expect(suite.catcher.messages.filter((m) => m.to.includes(right))).toHaveLength(1);
    expect(suite.catcher.messages.filter((m) => m.to.includes(wrong))).toHaveLength(0);
    expect(await (await suite.queue.getJob(sendDeliveryJob.jobId(delivery.id)))?.getState()).toBe("completed");
    const audit = await auditRows(delivery.id);
    expect(audit.map((a) => [a.action, a.details])).toEqual([["delivery.retry", { address: right, previousAddress: wrong }]]);
  });
});

describe("permission", () => {
  it("refuses a read-only staff member every action, and changes nothing", async () => {
    const reader = await staffMember("READ_ONLY");
    const { delivery } = await sentDelivery("2026-10-08");
    const deps = { db: db(), queue: suite.queue, send: SEND };
    const calls = [
      resendDelivery(deps, { deliveryId: delivery.id, reason: "asked", expectedResends: 0 }, reader),
      cancelDelivery(db(), { deliveryId: delivery.id, reason: "no" }, reader),
      settleDelivery(db(), { deliveryId: delivery.id, reason: "no", outcome: "sent" }, reader),
      retryDelivery(deps, { deliveryId: delivery.id, expectedAttempts: 1 }, reader),
      resendDelivery(deps, { deliveryId: delivery.id, reason: "asked", expectedResends: 0 }, null),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ code: expect.stringMatching(/^(FORBIDDEN|UNAUTHENTICATED)$/) });
    expect(await auditRows(delivery.id)).toHaveLength(0);
    expect(await db().delivery.count({ where: { resendOfId: delivery.id } })).toBe(0);
    expect((await db().delivery.findFirstOrThrow({ where: { id: delivery.id } })).status).toBe("SENT");
  });
});
