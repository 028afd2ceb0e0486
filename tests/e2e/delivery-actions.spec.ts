import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, READ_ONLY, queryE2e, signIn } from "./db";
import { expectAccessible, shot } from "./look";
import { startE2eWorker, type E2eWorker } from "./worker";

const STAMP = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
const MAIL_DIR = path.resolve(import.meta.dirname, "../../var/e2e-mail");

/** A patron of our own with a loan 10 days overdue, told at escalation level 1 by a delivery (sent unless told). */
async function insertSentEscalation(tag: string, status: "SENT" | "QUEUED" | "UNKNOWN" = "SENT") {
  const stamp = `${STAMP}${tag}`;
  const address = `resend.${stamp}@example.net`;
  const [row] = await queryE2e<{ id: number; card: string }>(`WITH
    p AS (INSERT INTO "Patron" ("cardNumber", "firstName", "lastName", email, "homeBranchId", "categoryId", "registeredOn", "expiresOn", "updatedAt")
      SELECT 'R${stamp}', 'Rhiannon', 'Resend ${stamp}', '${address}', (SELECT id FROM "Branch" ORDER BY id LIMIT 1),
        (SELECT id FROM "PatronCategory" ORDER BY id LIMIT 1), '2025-01-01', '2030-01-01', now() RETURNING id, "cardNumber"),
    i AS (INSERT INTO "Item" (barcode, title, "branchId", "replacementCost")
      VALUES ('RB${stamp}', 'The Letter Again ${stamp}', (SELECT id FROM "Branch" ORDER BY id LIMIT 1), 14.50) RETURNING id),
    l AS (INSERT INTO "Loan" ("patronId", "itemId", "loanedAt", "dueDate", status, "statusSetAt")
      SELECT p.id, i.id, current_date - 38, current_date - 10, 'ON_LOAN', current_date - 38 FROM p, i RETURNING id, "patronId", "dueDate"),
    r AS (INSERT INTO "NoticeRun" (key, "runDate", trigger, "scenarioIds", status) VALUES ('e2e-actions-${stamp}', current_date, 'REPLAY', '{}', 'PLANNED') RETURNING id),
    s AS (SELECT sc.id, lv.id AS level_id FROM "Scenario" sc JOIN "ScenarioLevel" lv ON lv."scenarioId" = sc.id AND lv.level = 1
      WHERE sc.kind = 'OE' ORDER BY sc.id LIMIT 1),
    n AS (INSERT INTO "Notice" ("runId", "scenarioId", "levelId", level, kind, "patronId", "subjectId", "loanId", occurrence, status)
      SELECT r.id, s.id, s.level_id, 1, 'OE', l."patronId", l.id, l.id, l."dueDate", 'SENT' FROM r, s, l RETURNING id, "runId", "patronId"),
    d AS (INSERT INTO "Delivery" ("runId", "patronId", "contactKind", "contactKey", "contactName", channel, address, status, attempts,
        "messageId", subject, "smtpCode", "sentAt", "noticeIds", "updatedAt")
      SELECT n."runId", n."patronId", 'SELF', 'self', 'Rhiannon Resend', 'EMAIL', '${address}', '${status}', ${status === "QUEUED" ? 0 : 1},
        '<delivery-e2e-actions-${stamp}@library.example>', 'Overdue ${stamp}', ${status === "SENT" ? 250 : "NULL"},
        ${status === "SENT" ? "now()" : "NULL"}, ARRAY[n.id], now() FROM n RETURNING id)
    SELECT d.id, p."cardNumber" AS card FROM d, p`);
  return { deliveryId: row.id, address };
}

/** The .eml files the e2e mail catcher stored for an address. */
const mailTo = (address: string) => readdirSync(MAIL_DIR).map((f) => readFileSync(path.join(MAIL_DIR, f), "utf8")).filter((m) => m.includes(`To: ${address}`));

let worker: E2eWorker | undefined;

// First, while no worker runs (a queued delivery stays queued): cancel, and settle an unknown outcome then retry it.
test("an administrator cancels a queued delivery, and settles an unknown one as not sent, then retries it", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const queued = await insertSentEscalation("q", "QUEUED");
  const unknown = await insertSentEscalation("u", "UNKNOWN");
  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  const actions = page.getByRole("group", { name: "Actions on this delivery" });
  const heading = (id: number) => page.getByRole("heading", { name: `Delivery #${id}` });

  await page.goto(`/notices/deliveries/${queued.deliveryId}`);
  await expect(actions.getByRole("button")).toHaveText(["Cancel sending…"]);
  // From the keyboard; Escape closes and nothing changes.
  await actions.getByRole("button", { name: "Cancel sending…" }).focus();
  await page.keyboard.press("Enter");
  const cancel = page.getByRole("dialog", { name: "Cancel this delivery?" });
  await expect(cancel).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(cancel).toBeHidden();
  await actions.getByRole("button", { name: "Cancel sending…" }).click();
  await cancel.getByLabel("Reason (required)").fill("Patron asked us not to write");
  await expectAccessible(page);
  await shot(page, testInfo, "actions-0a-cancel-dialog");
  await cancel.getByRole("button", { name: "Cancel delivery" }).click();
  await expect(page.getByTestId("action-result")).toHaveText("Cancelled: it will not be sent.");
  await expect(heading(queued.deliveryId).getByText("cancelled")).toBeVisible();
  await expect(actions).toHaveCount(0);
  await expect(page.getByTestId("delivery-actions-log")).toContainText("Reason: Patron asked us not to write");
  await shot(page, testInfo, "actions-0b-cancelled");

  await page.goto(`/notices/deliveries/${unknown.deliveryId}`);
  await expect(actions.getByRole("button")).toHaveText(["Settle as sent…", "Settle as not sent…"]);
  await expectAccessible(page);
  await shot(page, testInfo, "actions-0c-unknown");
  await actions.getByRole("button", { name: "Settle as not sent…" }).click();
  const settle = page.getByRole("dialog", { name: "Settle as not sent?" });
  await settle.getByLabel("Reason (required)").fill("The relay's log has no record of it");
  await settle.getByRole("button", { name: "Settle as not sent" }).click();
  await expect(page.getByTestId("action-result")).toContainText("Settled as not sent");
  await expect(heading(unknown.deliveryId).getByText("failed")).toBeVisible();
  await expect(page.getByText(/settled as not sent by Ada Admin: The relay's log has no record of it/).first()).toBeVisible();

  await actions.getByRole("button", { name: "Retry…" }).click();
  const retry = page.getByRole("dialog", { name: "Send this delivery again?" });
  await expect(retry.getByTestId("action-to")).toHaveText(unknown.address);
  await expectAccessible(page);
  await shot(page, testInfo, "actions-0d-retry-dialog");
  await retry.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByTestId("action-result")).toHaveText(`Queued again for ${unknown.address}.`);
  await expect(heading(unknown.deliveryId).getByText("queued")).toBeVisible();
  await shot(page, testInfo, "actions-0e-retried");
  const audit = await queryE2e<{ action: string }>(`SELECT action FROM "AuditLog" WHERE entity = 'delivery' AND "entityId" IN ('${queued.deliveryId}', '${unknown.deliveryId}') ORDER BY id`);
  expect(audit.map((a) => a.action)).toEqual(["delivery.cancel", "delivery.settle-not-sent", "delivery.retry"]);
});
test.afterAll(async () => {
  await worker?.stop();
});

test("an administrator resends a delivery with a reason: it arrives once with a new Message-ID and shows in the audit log", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const stamp = `${STAMP}a`;
  const sent = await insertSentEscalation("a");
  // MAIL_FROM: the shared helper does not set it yet, and the worker refuses to start without it.
  worker = await startE2eWorker({ MAIL_FROM: "Riverside Public Library <notices@library.example>" });
  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();

  await page.goto(`/notices/deliveries/${sent.deliveryId}`);
  await expect(page.getByRole("heading", { name: `Delivery #${sent.deliveryId}` })).toBeVisible();
  const actions = page.getByRole("group", { name: "Actions on this delivery" });
  await expect(actions.getByRole("button")).toHaveText(["Resend…"]);
  await expectAccessible(page);
  await shot(page, testInfo, "actions-1-sent-delivery");

  // The reason is required: the error is beside the field, and nothing is resent.
  await actions.getByRole("button", { name: "Resend…" }).click();
  const dialog = page.getByRole("dialog", { name: "Resend this notice?" });
  await expect(dialog.getByTestId("action-to")).toHaveText(sent.address);
  await dialog.getByRole("button", { name: "Resend", exact: true }).click();
  await expect(dialog.getByLabel("Reason (required)")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByText("Say why, in a few words")).toBeVisible();
  await expectAccessible(page);
  await shot(page, testInfo, "actions-2-resend-dialog-error");

  await dialog.getByLabel("Reason (required)").fill(`Patron lost the letter ${stamp}`);
  await dialog.getByRole("button", { name: "Resend", exact: true }).dblclick();
  await expect(page.getByTestId("action-result")).toContainText("Resent as delivery #");
  await expect(dialog).toBeHidden();
  const [resend] = await queryE2e<{ id: number }>(`SELECT id FROM "Delivery" WHERE "resendOfId" = ${sent.deliveryId}`);
  const resends = await queryE2e<{ n: number }>(`SELECT count(*)::int AS n FROM "Delivery" WHERE "resendOfId" = ${sent.deliveryId}`);
  expect(resends[0].n).toBe(1);
  const history = page.getByTestId("delivery-history");
  await expect(history.getByTestId("resent-as").getByRole("link", { name: `delivery #${resend.id}` })).toBeVisible();
  await expect(history.getByTestId("delivery-actions-log")).toContainText(`Reason: Patron lost the letter ${stamp}`);

  // The worker sends it: once, to the patron's address, under the new delivery's own Message-ID.
  const outcome = async () => (await queryE2e<{ status: string; lastError: string | null }>(
    `SELECT status::text, "lastError" FROM "Delivery" WHERE id = ${resend.id}`))[0];
  await expect.poll(async () => (await outcome()).status, { timeout: 60_000, message: `the resend's outcome; worker said: ${worker.output()}` })
    .toMatch(/^(SENT|FAILED|SKIPPED|UNKNOWN)$/);
  expect(await outcome(), worker.output()).toEqual({ status: "SENT", lastError: null });
  await expect.poll(() => mailTo(sent.address).length, { timeout: 10_000 }).toBe(1);
  const [mail] = mailTo(sent.address);
  expect(mail).toMatch(new RegExp(`^Message-ID: <delivery-${resend.id}@[^>]+>`, "im"));

  await page.reload();
  await expectAccessible(page);
  await shot(page, testInfo, "actions-3-after-resend");
  await history.getByRole("link", { name: `delivery #${resend.id}` }).click();
  await expect(page.getByRole("heading", { name: `Delivery #${resend.id}` })).toBeVisible();
  await expect(page.getByTestId("resend-of")).toContainText(`delivery #${sent.deliveryId}`);
  await expect(page.getByTestId("message-id")).toHaveText(new RegExp(`^<delivery-${resend.id}@`));
  await expectAccessible(page, { skipFrames: ["[data-testid=sent-html]"] });
  await shot(page, testInfo, "actions-4-the-resend");

  await page.goto("/settings/audit?area=delivery");
  const row = page.getByTestId("audit-table").getByRole("row").filter({ hasText: `Patron lost the letter ${stamp}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`Resent as delivery #${resend.id} to ${sent.address}`);
  await expect(row).toContainText("Deliveries · Resend");
  await expect(row.getByRole("link", { name: `Delivery #${sent.deliveryId}` })).toBeVisible();
  await expectAccessible(page);
  await shot(page, testInfo, "actions-5-audit-log");
});

test("a read-only staff member sees the delivery but no action buttons", async ({ page }, testInfo) => {
  const sent = await insertSentEscalation("b");
  await signIn(page, READ_ONLY);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto(`/notices/deliveries/${sent.deliveryId}`);
  await expect(page.getByRole("heading", { name: `Delivery #${sent.deliveryId}` })).toBeVisible();
  await expect(page.getByTestId("message-id")).toBeVisible();
  await expect(page.getByRole("group", { name: "Actions on this delivery" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Resend|Cancel|Settle|Retry/ })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, testInfo, "actions-6-read-only");
});
