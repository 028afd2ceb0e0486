import { expect, test } from "@playwright/test";
import { ADMIN, READ_ONLY, queryE2e, signIn } from "./db";
import { expectAccessible, shot } from "./look";
import { startE2eWorker, type E2eWorker } from "./worker";

// Issue 14, runs: staff replay a date from the dashboard, land on the run's page and watch its bar reach done (a real
// worker plans and sends; the page polls, nobody reloads); the counts it shows are the database's.
let worker: E2eWorker | undefined;
test.afterAll(async () => {
  await worker?.stop();
});

const libraryDate = (offsetDays: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(Date.now() + offsetDays * 86_400_000));

test("an administrator replays a date and the run's progress bar reaches done without a reload", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  worker = await startE2eWorker();
  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto("/notices");
  await expect(page.getByRole("heading", { name: "Notice runs" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Preview a date" })).toHaveAttribute("href", new RegExp(`/notices/preview\\?date=${libraryDate(0)}`));
  await expectAccessible(page);
  await shot(page, testInfo, "runs-1-list");

  await page.getByRole("button", { name: "Replay a date" }).click();
  const dialog = page.getByRole("dialog", { name: "Replay a date?" });
  await expect(dialog).toContainText("only what was never sent for that date");
  // A date not yet come is refused beside the field.
  await dialog.getByLabel("Date").fill(libraryDate(3));
  await dialog.getByRole("button", { name: "Replay this date" }).click();
  await expect(dialog.locator("#replay-date-error")).toContainText("or earlier");
  const yesterday = libraryDate(-1);
  await dialog.getByLabel("Date").fill(yesterday);
  await dialog.getByLabel("Pre-overdue reminder").check();
  await expectAccessible(page);
  await shot(page, testInfo, "runs-2-replay-dialog");
  // Two clicks as fast as they come: one run.
  const confirm = dialog.getByRole("button", { name: "Replay this date" });
  await confirm.dblclick();
  await expect(page).toHaveURL(/\/notices\/runs\/\d+$/);
  const runId = Number(/\/notices\/runs\/(\d+)$/.exec(page.url())![1]);
  const requested = await queryE2e<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'notices.replay' AND "entityId" = '${runId}'`);
  expect(requested[0].n).toBe(1);
  const sameForm = await queryE2e<{ n: number }>(`SELECT count(*)::int AS n FROM "NoticeRun" WHERE "runDate" = '${yesterday}' AND "requestedBy" LIKE 'staff:%' AND "startedAt" > now() - interval '5 minutes'`);
  expect(sameForm[0].n).toBe(1);

  const bar = page.getByRole("progressbar", { name: `Run #${runId} progress` });
  await expect(bar).toBeVisible();
  await shot(page, testInfo, "runs-3-run-in-progress");
  // The worker plans, then sends; the page asks every 2 s. No reload here.
  await expect(bar).toHaveAttribute("data-phase", "done", { timeout: 120_000 });
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("run-progress-text")).toContainText("Done");

  const [run] = await queryE2e<{ deliveries: number; notices: number; done: boolean }>(
    `SELECT "deliveriesPlanned" AS deliveries, "noticesPlanned" AS notices, "sendingFinishedAt" IS NOT NULL AS done FROM "NoticeRun" WHERE id = ${runId}`);
  expect(run.done).toBe(true);
  expect(run.deliveries).toBeGreaterThan(0);
  const byStatus = await queryE2e<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM "Delivery" WHERE "runId" = ${runId} GROUP BY 1`);
  const statusTable = page.getByTestId("by-status");
  for (const s of byStatus) await expect(statusTable.locator(`tr[data-key="${s.status}"] td`)).toHaveText(s.n.toLocaleString("en-GB"));
  const byChannel = await queryE2e<{ channel: string; n: number }>(`SELECT channel, count(*)::int AS n FROM "Delivery" WHERE "runId" = ${runId} GROUP BY 1`);
  for (const c of byChannel) await expect(page.getByTestId("by-channel").locator(`tr[data-key="${c.channel}"] td`)).toHaveText(c.n.toLocaleString("en-GB"));
  // Every email ended (none planned, queued or sending).
  const open = await queryE2e<{ n: number }>(`SELECT count(*)::int AS n FROM "Delivery" WHERE "runId" = ${runId} AND channel = 'EMAIL' AND status IN ('PLANNED', 'QUEUED', 'SENDING')`);
  expect(open[0].n).toBe(0);
  // Notices by scenario, from the ledger itself.
  const ledger = await queryE2e<{ scenarioId: number; n: number }>(
    `SELECT "scenarioId", count(*)::int AS n FROM "Notice" WHERE "runId" = ${runId} GROUP BY 1`);
  expect(ledger.length).toBeGreaterThan(0);
  for (const s of ledger) await expect(page.getByTestId(`scenario-${s.scenarioId}-notices`)).toHaveText(s.n.toLocaleString("en-GB"));
  await expect(page.getByTestId("fact-started-by")).toContainText("Replay by");
  await expect(page.getByTestId("fact-done")).not.toHaveText("Not yet");
  await expectAccessible(page);
  await shot(page, testInfo, "runs-4-run-done");

  // Its deliveries in the log, filtered to this run.
  await page.getByRole("link", { name: "This run's deliveries" }).click();
  await expect(page).toHaveURL(new RegExp(`run=${runId}`));
  await expect(page.getByLabel("Run number")).toHaveValue(String(runId));
  const rows = page.getByTestId("deliveries-table").locator("tbody tr");
  await expect(rows).toHaveCount(Math.min(run.deliveries, 50));
});

test("read-only staff see runs and a run's page, with no run or replay buttons", async ({ page }, testInfo) => {
  await signIn(page, READ_ONLY);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto("/notices");
  await expect(page.getByRole("heading", { name: "Notice runs" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Run now" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Replay a date" })).toHaveCount(0);
  const [run] = await queryE2e<{ id: number }>(`INSERT INTO "NoticeRun" (key, "runDate", trigger, "scenarioIds", status, "sendingFinishedAt")
    VALUES ('e2e-read-only-${Date.now()}', current_date, 'SCHEDULED', '{}', 'PLANNED', now()) RETURNING id`);
  await page.goto(`/notices/runs/${run.id}`);
  await expect(page.getByRole("progressbar", { name: `Run #${run.id} progress` })).toHaveAttribute("data-phase", "done");
  await expect(page.getByTestId("fact-started-by")).toHaveText("Scheduled");
  await expect(page.getByRole("button", { name: "Run now" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Replay a date" })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, testInfo, "runs-5-read-only-run");
  // The action refuses them too, whatever the page shows.
  const refused = await page.request.post("/api/notices/runs", { data: { date: libraryDate(-1) } });
  expect(refused.status()).toBe(403);
});
