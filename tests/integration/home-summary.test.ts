import { afterAll, describe, expect, it } from "vitest";
import { getHomeSummary } from "@/lib/dashboard/get-home-summary";
import { createLoan, createPatron, ensureSettings } from "../factories";
import { db } from "./db";

afterAll(() => db.$disconnect());

// 12:00 UTC on 1 Feb 2026 is 1 Feb in London.
const now = new Date("2026-02-01T12:00:00Z");

describe("home summary", () => {
  it("counts a loan overdue only once its due date has passed, and not lost or returned ones", async () => {
    await ensureSettings(db);
    const before = await getHomeSummary(db, { now });
    const patron = await createPatron(db);
    await createLoan(db, { patronId: patron.id, dueDate: "2026-01-31" }); // overdue
    await createLoan(db, { patronId: patron.id, dueDate: "2026-02-01" }); // due today: not overdue yet
    await createLoan(db, { patronId: patron.id, dueDate: "2026-01-10", status: "LOST" });
    await createLoan(db, { patronId: patron.id, dueDate: "2026-01-10", status: "RETURNED" });
    const after = await getHomeSummary(db, { now });
    expect(after.patrons - before.patrons).toBe(1);
    expect(after.activeLoans - before.activeLoans).toBe(2);
    expect(after.overdueLoans - before.overdueLoans).toBe(1);
    expect(after.lostOrClaimed - before.lostOrClaimed).toBe(1);
    expect(after.today).toBe("2026-02-01");
  });

  it("tells whether the worker is alive from its last heartbeat", async () => {
    await db.workerHeartbeat.deleteMany();
    expect((await getHomeSummary(db, { now })).worker.isAlive).toBe(false);
    await db.workerHeartbeat.create({ data: { worker: "w1", beatAt: new Date(now.getTime() - 60_000), pid: 1, host: "h" } });
    expect((await getHomeSummary(db, { now })).worker.isAlive).toBe(true);
    expect((await getHomeSummary(db, { now: new Date(now.getTime() + 10 * 60_000) })).worker.isAlive).toBe(false);
  });
});
