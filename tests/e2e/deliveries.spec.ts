import { expect, test } from "@playwright/test";
import { ADMIN, queryE2e, signIn } from "./db";
import { expectAccessible, shot } from "./look";

const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;


/** A sent delivery as the worker records it: a run, an overdue notice for one of the patron's loans, a delivery with
 * its stored message, and two attempts (a 451 then a 250). */
async function insertSentDelivery() {
  const [patron] = await queryE2e<{ id: number; cardNumber: string; loanId: number; title: string }>(
    `SELECT p.id, p."cardNumber", l.id AS "loanId", i.title FROM "Patron" p JOIN "Loan" l ON l."patronId" = p.id JOIN "Item" i ON i.id = l."itemId"
     WHERE p.email IS NOT NULL ORDER BY p.id LIMIT 1`);
  const address = `deliveries.${stamp}@example.net`;
  const html = `<html><body><h1>Your loan is overdue</h1><p>Please return <b>${patron.title}</b>.</p></body></html>`;
  const raw = [`From: Riverside Public Library <notices@library.example>`, `To: ${address}`, `Subject: Overdue notice ${stamp}`,
    `Message-ID: <delivery-e2e-${stamp}@library.example>`, `MIME-Version: 1.0`, `Content-Type: multipart/alternative; boundary="b"`, ``,
    `--b`, `Content-Type: text/plain; charset=utf-8`, ``, `Please return ${patron.title}.`, `--b`, `Content-Type: text/html; charset=utf-8`, ``, html, `--b--`, ``].join("\n");
  const esc = (s: string) => s.replaceAll("'", "''");
  const [row] = await queryE2e<{ id: number }>(`WITH r AS (
      INSERT INTO "NoticeRun" (key, "runDate", trigger, "scenarioIds", status) VALUES ('e2e-deliveries-${stamp}', current_date, 'REPLAY', '{}', 'PLANNED') RETURNING id),
    s AS (SELECT id, (SELECT id FROM "ScenarioLevel" l WHERE l."scenarioId" = sc.id ORDER BY level LIMIT 1) AS level_id FROM "Scenario" sc WHERE kind = 'O' ORDER BY id LIMIT 1),
    n AS (INSERT INTO "Notice" ("runId", "scenarioId", "levelId", level, kind, "patronId", "subjectId", "loanId", occurrence, status)
      SELECT r.id, s.id, s.level_id, 1, 'OE', ${patron.id}, ${patron.loanId}, ${patron.loanId}, DATE '2001-01-01' + (${stamp} % 100000)::int, 'SENT' FROM r, s RETURNING id, "runId"),
    d AS (INSERT INTO "Delivery" ("runId", "patronId", "contactKind", "contactKey", "contactName", channel, address, status, attempts,
        "messageId", subject, "smtpCode", "sentAt", "noticeIds", "sentMessage", "updatedAt")
      SELECT n."runId", ${patron.id}, 'SELF', 'self', 'Patron', 'EMAIL', '${address}', 'SENT', 2, '<delivery-e2e-${stamp}@library.example>',
        'Overdue notice ${stamp}', 250, now(), ARRAY[n.id], '${esc(raw)}', now() FROM n RETURNING id, "createdAt"),
    a AS (INSERT INTO "DeliveryAttempt" ("deliveryId", "deliveryCreatedAt", attempt, outcome, "smtpCode", response, "startedAt")
      SELECT d.id, d."createdAt", x.n, x.o::"AttemptOutcome", x.c, x.r, now() - interval '5 minutes' FROM d,
        (VALUES (1, 'TEMPORARY_FAILURE', 451, '451 4.3.0 Mailbox busy, try later'), (2, 'SENT', 250, '250 2.0.0 Ok: queued as E2E${stamp}')) x(n, o, c, r))
    SELECT id FROM d`);
  return { ...patron, address, deliveryId: row.id };
}

test("staff filter the delivery log to one patron, open a delivery, and read its attempts and message", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const sent = await insertSentDelivery();
  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();

  await page.goto("/notices");
  await page.getByRole("link", { name: "Delivery log" }).click();
  await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  await shot(page, testInfo, "1-log-unfiltered");

  await page.getByLabel("Card number").fill(sent.cardNumber);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`card=${sent.cardNumber}`));
  await page.reload();
  const table = page.getByTestId("deliveries-table");
  await expect(table.getByText(sent.address)).toBeVisible();
  for (const card of await table.locator("tbody tr td:nth-child(2) .tabular-nums").allTextContents()) expect(card).toBe(sent.cardNumber);
  await expectAccessible(page);
  await shot(page, testInfo, "2-log-filtered");

  await page.getByRole("link", { name: `Delivery ${sent.deliveryId}` }).click();
  await expect(page.getByRole("heading", { name: `Delivery #${sent.deliveryId}` })).toBeVisible();
  await expect(page.getByTestId("message-id")).toHaveText(`<delivery-e2e-${stamp}@library.example>`);
  const attempts = page.getByTestId("attempts-table");
  await expect(attempts.getByText("451 4.3.0 Mailbox busy, try later")).toBeVisible();
  await expect(attempts.getByText(`250 2.0.0 Ok: queued as E2E${stamp}`)).toBeVisible();
  await expect(page.getByTestId("notices-table").getByText(sent.title)).toBeVisible();
  await expect(page.getByTestId("sent-subject")).toHaveText(`Overdue notice ${stamp}`);
  await expect(page.frameLocator("[data-testid=sent-html]").getByText(sent.title)).toBeVisible();
  await expectAccessible(page, { skipFrames: ["[data-testid=sent-html]"] });
  await shot(page, testInfo, "3-delivery");

  // Back to the log keeps the filter; a bad filter is named, not an error; an empty result says what to do.
  await page.getByRole("link", { name: "Delivery log" }).click();
  await expect(page).toHaveURL(new RegExp(`card=${sent.cardNumber}`));
  await page.goto(`/notices/deliveries?card=${sent.cardNumber}&status=LOST&from=2026-02-30`);
  await expect(page.getByRole("status")).toContainText("Status");
  await expect(page.getByRole("status")).toContainText("From");
  await expect(table.getByText(sent.address)).toBeVisible();
  await page.goto("/notices/deliveries?card=no-such-card");
  await expect(page.getByTestId("deliveries-empty")).toContainText("Clear");
  await shot(page, testInfo, "4-log-empty");
});
