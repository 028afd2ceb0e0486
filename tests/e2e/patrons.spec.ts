import { expect, test } from "@playwright/test";
import { queryE2e, READ_ONLY, signIn } from "./db";
import { expectAccessible as axe, shot } from "./look";

const stamp = `${Date.now().toString(36)}`.replace(/\d/g, (d) => "abcdefghij"[Number(d)]);


/** A patron of this test's own (surname Vale<stamp>), an overdue and a current loan, and a delivery in the ledger. */
async function makePatron(first: string) {
  const [{ branch, category }] = await queryE2e<{ branch: number; category: number }>(
    `SELECT (SELECT id FROM "Branch" ORDER BY id LIMIT 1) AS branch, (SELECT id FROM "PatronCategory" ORDER BY id LIMIT 1) AS category`);
  const card = `E2E${stamp}${first}`.toUpperCase();
  const [{ id }] = await queryE2e<{ id: number }>(`INSERT INTO "Patron" ("cardNumber", "firstName", "lastName", email, "homeBranchId", "categoryId",
      "registeredOn", "expiresOn", "updatedAt") VALUES ('${card}', '${first}', 'Vale${stamp}', '${first.toLowerCase()}.vale.${stamp}@example.net',
      ${branch}, ${category}, '2025-01-01', '2029-01-01', now()) RETURNING id`);
  await queryE2e(`WITH i AS (INSERT INTO "Item" (barcode, title, "branchId") VALUES ('B${card}1', 'The Overdue Atlas', ${branch}), ('B${card}2', 'A Current Novel', ${branch}) RETURNING id, title)
    INSERT INTO "Loan" ("patronId", "itemId", "loanedAt", "dueDate") SELECT ${id}, i.id, now() - interval '40 days',
      CASE WHEN i.title = 'The Overdue Atlas' THEN current_date - 10 ELSE current_date + 14 END FROM i`);
  const [{ run }] = await queryE2e<{ run: number }>(`INSERT INTO "NoticeRun" (key, "runDate", trigger, "scenarioIds", status)
    VALUES ('e2e-patrons:${card}', current_date, 'REPLAY', '{}', 'PLANNED') RETURNING id AS run`);
  await queryE2e(`SELECT ledger_ensure_partitions(date_trunc('month', current_date)::date, date_trunc('month', current_date)::date)`);
  await queryE2e(`WITH s AS (SELECT l.id AS level, l."scenarioId", l.level AS n FROM "ScenarioLevel" l JOIN "Scenario" s ON s.id = l."scenarioId"
      WHERE s.code = 'overdue-escalation' ORDER BY l.level LIMIT 1),
    n AS (INSERT INTO "Notice" ("runId", "scenarioId", "levelId", level, kind, "patronId", "subjectId", occurrence, status)
      SELECT ${run}, s."scenarioId", s.level, s.n, 'OE', ${id}, (SELECT min(id) FROM "Loan" WHERE "patronId" = ${id}), current_date, 'SENT' FROM s RETURNING id)
    INSERT INTO "Delivery" ("runId", "patronId", "contactKind", "contactKey", "contactName", channel, address, status, subject, "noticeIds", "sentAt", "updatedAt")
      SELECT ${run}, ${id}, 'SELF', 'self', '${first} Vale', 'EMAIL', '${first.toLowerCase()}.vale.${stamp}@example.net', 'SENT',
        'Your loans are overdue', ARRAY(SELECT id FROM n), now(), now()`);
  return { id, card };
}

test("a read-only user finds a patron by card and by name, and sees their loans and notice history", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const ffion = await makePatron("Ffion");
  await makePatron("Gethin");
  await signIn(page, READ_ONLY);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Patrons" }).click();
  await expect(page).toHaveURL(/\/patrons$/);
  await expect(page.getByText("Search by surname (or its first letters)")).toBeVisible();
  await axe(page);
  await shot(page, testInfo, "patrons-empty");

  // By name: both of this test's patrons, by surname then first name.
  const search = page.getByRole("searchbox", { name: "Search patrons" });
  await search.fill(`vale${stamp}`);
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=vale${stamp}`));
  const results = page.getByTestId("patron-results");
  await expect(results.getByRole("row")).toHaveCount(3);
  await expect(results.getByRole("link")).toHaveText([`Vale${stamp}, Ffion`, `Vale${stamp}, Gethin`]);
  await expect(results.getByRole("row").nth(1)).toContainText(ffion.card);
  await axe(page);
  await shot(page, testInfo, "patrons-results");

  // A card number typed exactly goes straight to the patron.
  await search.fill(ffion.card.toLowerCase());
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/patrons/${ffion.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Ffion Vale${stamp}`);
  await expect(page.getByTestId("patron-loan-count")).toHaveText("2");
  await expect(page.getByTestId("patron-overdue-count")).toHaveText("1");
  const loans = page.getByTestId("patron-loans");
  await expect(loans.getByRole("row").nth(1)).toContainText("The Overdue Atlas");
  await expect(loans.getByRole("row").nth(1)).toContainText("overdue");
  await expect(loans.getByRole("row").nth(1).getByRole("cell").nth(4)).toHaveText("9"); // due 10 days ago: 9 days overdue
  const history = page.getByTestId("patron-history");
  await expect(history.getByTestId("history-row")).toHaveCount(1);
  await expect(history).toContainText("Your loans are overdue");
  await expect(history).toContainText("sent");
  await expect(page.getByTestId("patron-contact").first()).toContainText(`ffion.vale.${stamp}@example.net`);
  await axe(page);
  await shot(page, testInfo, "patron-page");
});
