import { describe, expect, it } from "vitest";
import { getRunProgress, startReplay } from "@/lib/notices/start-replay";
import { engineSuite, waitFor } from "./engine-env";
import { addLoan, addPatron } from "./library-factory";
import { findNotice } from "./ledger";

const suite = engineSuite("smtp");

// Patrons with a loan due on the run date (a pre-overdue reminder each), then a replay of that date.
async function runFor(date: string, count: number, beforeStart: (patrons: { id: number; email: string | null }[]) => void = () => {}) {
  const patrons = [];
  for (let i = 0; i < count; i++) {
    const p = await addPatron(suite.lib.sql);
    await addLoan(suite.lib.sql, p.id, date);
    patrons.push(p);
  }
  beforeStart(patrons);
  const run = await startReplay(suite.lib.db, { runDate: date, scenarioCodes: ["pre-overdue"], requestedBy: "test", queue: suite.queue, send: { attempts: 6, backoffMs: 50 } });
  return { run, patrons };
}

describe("SMTP failures", () => {
  it("retries a server answering 451 for a while, until every message is delivered", async () => {
    let refusals = 0;
    suite.catcher.setRespond((stage) => (stage === "data" && refusals++ < 6 ? { code: 451, message: "4.3.0 Try again later" } : undefined));
    const { run, patrons } = await runFor("2026-07-01", 4);
    await waitFor(async () => (await getRunProgress(suite.lib.db, run.runId))?.isEmailDone, 60_000, "run done");
    suite.catcher.setRespond(undefined);

    const deliveries = await suite.lib.db.delivery.findMany({ where: { runId: run.runId }, include: { attemptLog: { orderBy: { id: "asc" } } } });
    expect(deliveries.map((d) => d.status)).toEqual(["SENT", "SENT", "SENT", "SENT"]);
    const outcomes = deliveries.flatMap((d) => d.attemptLog.map((a) => a.outcome));
    expect(outcomes.filter((o) => o === "TEMPORARY_FAILURE")).toHaveLength(6);
    expect(deliveries.flatMap((d) => d.attemptLog).find((a) => a.outcome === "TEMPORARY_FAILURE")?.smtpCode).toBe(451);
    for (const p of patrons) expect(suite.catcher.messages.filter((m) => m.to.includes(p.email!))).toHaveLength(1);
  });

  it("marks a delivery the server refuses for good (550) as failed with its reason, and sends the others", async () => {
    const { run, patrons } = await runFor("2026-08-01", 3, ([first]) =>
      suite.catcher.setRespond((stage, { to }) => (stage === "rcpt" && to.includes(first.email!) ? { code: 550, message: "5.1.1 No such mailbox" } : undefined)),
    );
    const [refused, ...others] = patrons;
    await waitFor(async () => (await getRunProgress(suite.lib.db, run.runId))?.isEmailDone, 60_000, "run done");
    suite.catcher.setRespond(undefined);
    const failed = await suite.lib.db.delivery.findFirstOrThrow({ where: { runId: run.runId, address: refused.email } });
    expect(failed).toMatchObject({ status: "FAILED", smtpCode: 550, attempts: 1 });
    expect(failed.lastError).toContain("No such mailbox");
    expect(suite.catcher.messages.some((m) => m.to.includes(refused.email!))).toBe(false);
    for (const p of others) {
      expect((await suite.lib.db.delivery.findFirstOrThrow({ where: { runId: run.runId, address: p.email } })).status).toBe("SENT");
    }
    expect((await findNotice(suite.lib.db, { patronId: refused.id })).status).toBe("FAILED");
  });
});

