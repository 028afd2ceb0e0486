import { Queue, type Job } from "bullmq";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvents } from "@/lib/api/events";
import { createWorkerConnection } from "@/lib/jobs/connection";
import { handleEvents } from "@/worker/handlers/notices";
import { clearPrefixes, createEngineLibrary, freshPrefix, redisUrl, startEngineWorker, startTestCatcher, waitFor } from "./engine-env";
import { addPatron } from "./library-factory";

// A circulation event reaches the patron without waiting for the night: the worker's event run (every minute in
// production, every second here) sends the reservation-ready notice for a reservation the API just made ready.
let lib: Awaited<ReturnType<typeof createEngineLibrary>>;
let catcher: Awaited<ReturnType<typeof startTestCatcher>>;
let worker: Awaited<ReturnType<typeof startEngineWorker>> | undefined;
const prefix = freshPrefix();

beforeAll(async () => {
  lib = await createEngineLibrary("events");
  await lib.sql.query(`UPDATE "Scenario" SET "isEnabled" = true WHERE code IN ('reservation-ready', 'reservation-cancelled')`);
  catcher = await startTestCatcher();
  worker = await startEngineWorker(lib, catcher.port, prefix, { eventsPattern: "* * * * * *" });
});
afterAll(async () => {
  await worker?.stop();
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
    // Within 20 seconds (the worker's event run comes every second here, every minute in production).
    const mail = await waitFor(async () => catcher.messages.find((m) => m.to.includes(patron.email!)), 20_000, "the reservation-ready email");
    expect(mail.raw.toString()).toContain("Your reservation is ready");
    expect(mail.raw.toString()).toContain("The Awaited Book");

    // Later event runs do not send it again, and leave no empty runs behind (they come every minute). The worker is
    // stopped, so no run of its own is half-way; then the event job's handler runs twice, as two later ticks would.
    await worker!.stop();
    worker = undefined;
    const connection = createWorkerConnection(redisUrl);
    const deps = {
      db: lib.db, log: pino({ level: "silent" }), send: { attempts: 1, backoffMs: 10, leaseSeconds: 2 },
      noticesQueue: new Queue("notices", { connection, prefix }), deliveriesQueue: new Queue("deliveries", { connection, prefix }),
    };
    try {
      for (const id of ["later-1", "later-2"]) {
        expect(await handleEvents({ id, timestamp: Date.now() } as Job, deps)).toEqual({ notices: 0 });
      }
      expect(await deps.deliveriesQueue.count()).toBe(0);
    } finally {
      await deps.noticesQueue.close();
      await deps.deliveriesQueue.close();
      await connection.quit();
    }
    expect(catcher.messages.filter((m) => m.to.includes(patron.email!))).toHaveLength(1);
    const eventRuns = await lib.db.noticeRun.findMany({ where: { trigger: "EVENT" } });
    expect(eventRuns.map((r) => [r.noticesPlanned, r.deliveriesPlanned, r.status])).toEqual([[1, 1, "PLANNED"]]);
  });
});
