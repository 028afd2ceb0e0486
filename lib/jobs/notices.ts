import { z } from "zod";

// Planning and housekeeping share one queue; sends have their own, so a long planning job never waits behind
// thousands of sends (and the reverse).
export const NOTICES_QUEUE = "notices";
export const DELIVERIES_QUEUE = "deliveries";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

export const tickJob = {
  name: "notices.tick",
  payload: z.object({ scenarioId: z.number().int().positive() }),
  schedulerId: (scenarioId: number) => `scenario-${scenarioId}`,
} as const;

export const planRunJob = {
  name: "notices.plan-run",
  payload: z.object({
    runDate: isoDate,
    trigger: z.enum(["SCHEDULED", "EVENT", "REPLAY"]),
    runKey: z.string().min(1),
    // SCHEDULED: the HH:MM slot whose scenarios run; otherwise the scenarios named (all enabled when absent).
    slot: z.string().optional(),
    scenarioIds: z.array(z.number().int()).optional(),
    requestedBy: z.string().optional(),
  }),
  // One job per slot and date: every scenario ticking at 02:00 adds the same id, so they plan together and their
  // notices can share a delivery document. The short delay lets all the ticks of the slot arrive first.
  jobId: (runKey: string) => `run-${runKey.replaceAll(":", "-")}`,
  delayMs: 5_000,
  // Removed when finished: a later tick of a slot already planned finds its run PLANNED and does nothing.
  options: { attempts: 5, backoff: { type: "exponential", delay: 10_000 }, removeOnComplete: true, removeOnFail: true },
} as const;

export const sendDeliveryJob = {
  name: "notices.send-delivery",
  payload: z.object({ deliveryId: z.number().int().positive() }),
  // The delivery row is the record; the job only says "look at it". Removed when done, so the sweep can add the
  // same id again if the row is ever left behind.
  jobId: (deliveryId: number) => `delivery-${deliveryId}`,
  // A staff retry of a FAILED delivery: a job id of its own, because `delivery-<id>` may still be in Redis (a job kept
  // as completed or failed, or one still finishing), and adding a job under an existing id is silently ignored.
  retryJobId: (deliveryId: number, attempts: number) => `delivery-${deliveryId}-retry-${attempts}`,
} as const;

export const sendOrderEmailJob = {
  name: "orders.send-email",
  payload: z.object({ emailId: z.number().int().positive() }),
  // One job per OrderEmail row; staff sending again make a new row, so a new id (never an add silently ignored).
  jobId: (emailId: number) => `order-email-${emailId}`,
} as const;

export const sweepJob = { name: "notices.sweep", schedulerId: "notices.sweep" } as const;
export const eventsJob = { name: "notices.events", schedulerId: "notices.events" } as const;
export const syncSchedulersJob = { name: "notices.sync-schedulers" } as const;
