import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvents } from "@/lib/api/events";
import { clearPrefixes, createEngineLibrary, startEngineWorker, startTestCatcher, waitFor } from "./engine-env";
import { addPatron } from "./library-factory";

// A circulation event reaches the patron without waiting for the night: the worker's event run (every minute in
// production, every second here) sends the reservation-ready notice for a reservation the API just made ready.
let lib: Awaited<ReturnType<typeof createEngineLibrary>>;
let catcher: Awaited<ReturnType<typeof startTestCatcher>>;
let worker: Awaited<ReturnType<typeof startEngineWorker>>;

beforeAll(async () => {
  lib = await createEngineLibrary("events");
  await lib.sql.query(`UPDATE "Scenario" SET "isEnabled" = true WHERE code IN ('reservation-ready', 'reservation-cancelled')`);
  catcher = await startTestCatcher();
  worker = await startEngineWorker(lib, catcher.port, undefined, { eventsPattern: "* * * * * *" });
});
afterAll(async () => {
  await worker.stop();
  await catcher.close();
  await lib.close();
  await clearPrefixes();
});

describe("circulation events", () => {
  it("a reservation made ready through the API is notified by the event run, once", async () => {
    const patron = await addPatron(lib.sql);
    await lib.sql.query(`INSERT INTO "Reservation" ("externalId", "patronId", title, "pickupBranchId")
      VALUES ('R-EVENT-1', $1, 'The Awaited Book', (SELECT id FROM "Branch" LIMIT 1))`, [patron.id]);

    const pickupBy = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const applied = await applyEvents(lib.db, { items: [{ type: "reservation-ready", reservationExternalId: "R-EVENT-1", pickupBy }] }, { tokenId: 0 });
    expect(applied.applied).toBe(1);
    const started = Date.now();
    const mail = await waitFor(async () => catcher.messages.find((m) => m.to.includes(patron.email!)), 20_000, "the reservation-ready email");
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(mail.raw.toString()).toContain("Your reservation is ready");
    expect(mail.raw.toString()).toContain("The Awaited Book");

    // Later event runs do not send it again, and leave no empty runs behind (they come every minute).
    await new Promise((r) => setTimeout(r, 2500));
    expect(catcher.messages.filter((m) => m.to.includes(patron.email!))).toHaveLength(1);
    const eventRuns = await lib.db.noticeRun.findMany({ where: { trigger: "EVENT" } });
    expect(eventRuns.length).toBeGreaterThanOrEqual(1);
    expect(eventRuns.every((r) => r.noticesPlanned > 0)).toBe(true);
  });
});
