import { expect, test } from "@playwright/test";
import { ADMIN, READ_ONLY, queryE2e, signIn } from "./db";

const n = (value: string | number) => Number(value).toLocaleString("en-GB");

test("an anonymous visit to the dashboard lands on the sign-in page", async ({ page }) => {
  await page.goto("/outbox");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("anonymous API calls are refused, not redirected", async ({ request }) => {
  const res = await request.get("/api/summary", { maxRedirects: 0 });
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ error: "Please sign in again." });
});

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  await signIn(page, { email: ADMIN.email, password: "not-the-password" });
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("staff sign in, see the library's live counts, and sign out", async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByTestId("library-name")).toHaveText("Riverside Public Library");
  await expect(page.getByTestId("staff-name")).toContainText("Ada Admin");

  const [counts] = await queryE2e<{ patrons: string; active: string; overdue: string; ready: string }>(`SELECT
    (SELECT count(*) FROM "Patron") AS patrons,
    (SELECT count(*) FROM "Loan" WHERE status IN ('ON_LOAN', 'RECALLED')) AS active,
    (SELECT count(*) FROM "Loan" WHERE status IN ('ON_LOAN', 'RECALLED')
       AND "dueDate" < (now() AT TIME ZONE 'Europe/London')::date) AS overdue,
    (SELECT count(*) FROM "Reservation" WHERE status = 'READY_FOR_PICKUP') AS ready`);
  expect(Number(counts.overdue)).toBeGreaterThan(0);
  await expect(page.getByTestId("count-patrons")).toHaveText(n(counts.patrons));
  await expect(page.getByTestId("count-active-loans")).toHaveText(n(counts.active));
  await expect(page.getByTestId("count-overdue-loans")).toHaveText(n(counts.overdue));
  await expect(page.getByTestId("count-reservations-ready")).toHaveText(n(counts.ready));

  // The JSON summary agrees for the signed-in session.
  const api = await page.request.get("/api/summary");
  expect(api.status()).toBe(200);
  expect((await api.json()).patrons).toBe(Number(counts.patrons));

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await page.request.get("/api/summary")).status()).toBe(401);
});

test("an administrator sends a test email and reads it in the Outbox", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Outbox" }).click();
  await page.getByRole("button", { name: "Send me a test email" }).click();
  await expect(page.getByTestId("send-test-result")).toHaveText(`Sent to ${ADMIN.email}.`);
  await page.reload();
  await expect(page.getByTestId("outbox-list")).toContainText("Test email from Riverside Public Library");
  await expect(page.getByTestId("outbox-list")).toContainText(ADMIN.email);
});

test("a read-only account sees the counts but not the Outbox", async ({ page }) => {
  await signIn(page, READ_ONLY);
  await expect(page.getByTestId("library-name")).toBeVisible();
  await expect(page.getByRole("link", { name: "Outbox" })).toHaveCount(0);
  await page.goto("/outbox");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("button", { name: "Send me a test email" })).toHaveCount(0);
});

test("the notices preview API answers signed-in staff, names a bad field, and refuses anonymous callers", async ({ page, request }) => {
  // Tomorrow in the library's time zone: the demo seed spreads loans around the day it ran.
  const tomorrow = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(Date.now() + 86_400_000));
  expect((await request.get(`/api/notices/preview?date=${tomorrow}`)).status()).toBe(401);
  await signIn(page, ADMIN);
  await expect(page.getByTestId("library-name")).toBeVisible();
  const bad = await page.request.get("/api/notices/preview?date=2026-02-30");
  expect(bad.status()).toBe(422);
  expect((await bad.json()).fields).toHaveProperty("date");
  const unknown = await page.request.get(`/api/notices/preview?date=${tomorrow}&scenario=no-such-scenario`);
  expect(unknown.status()).toBe(422);
  const ok = await page.request.get(`/api/notices/preview?date=${tomorrow}&scenario=overdue`);
  expect(ok.status()).toBe(200);
  const preview = await ok.json();
  // The demo library has overdue loans on any date near the seed: the preview lists them, every one by email or print.
  expect(preview.totals.notices).toBeGreaterThan(0);
  expect(preview.deliveries.every((d: { channel: string }) => ["EMAIL", "PRINT"].includes(d.channel))).toBe(true);
  expect(Object.keys(preview.byScenario)).toEqual(["overdue"]);
});

test("staff see notice runs and their deliveries by status after starting a run", async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByTestId("library-name")).toBeVisible();
  const tomorrow = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(Date.now() + 86_400_000));
  // No worker runs beside the browser tests: the run is planned and its email waits, queued.
  const started = await page.request.post("/api/notices/runs", { data: { date: tomorrow, scenarios: ["overdue"] } });
  expect(started.status()).toBe(200);
  const { runId, emailDeliveries } = await started.json();
  expect(emailDeliveries).toBeGreaterThan(0);
  await page.getByRole("link", { name: "Notices" }).click();
  const row = page.getByTestId("runs-table").locator("tr", { hasText: `#${runId}` });
  await expect(row).toContainText(new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }).format(new Date(`${tomorrow}T00:00:00Z`)));
  await expect(row).toContainText("Replay");
  const progress = await (await page.request.get(`/api/notices/runs/${runId}`)).json();
  expect(progress.deliveries.QUEUED).toBe(emailDeliveries);
});
