import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, queryE2e, READ_ONLY, signIn } from "./db";
import { expectAccessible, shot } from "./look";

// Issue 14: preview a date (/notices/preview), "what would this patron get on date X", and a patron's contacts edited
// from the patron page (read-only staff see no controls, and a direct call of the action is refused).

const stamp = Date.now().toString(36).replace(/\d/g, (d) => "abcdefghij"[Number(d)]);
const FRAMES = ['[data-testid="draft-html"]']; // the sandboxed email frames: not the page (look.ts)
const axe = (page: Page) => expectAccessible(page, { skipFrames: FRAMES });
const n = (v: number) => v.toLocaleString("en-GB");

/** The library's date tomorrow (the demo library is in Europe/London). */
async function tomorrow() {
  const [{ d }] = await queryE2e<{ d: string }>(`SELECT to_char((now() AT TIME ZONE (SELECT "timeZone" FROM "LibrarySettings" WHERE id = 1))::date + 1, 'YYYY-MM-DD') AS d`);
  return d;
}

/** A patron of this test's own with a loan 10 days overdue, reachable by email. */
async function makePatron(first: string) {
  const [{ branch, category }] = await queryE2e<{ branch: number; category: number }>(
    `SELECT (SELECT id FROM "Branch" ORDER BY id LIMIT 1) AS branch, (SELECT id FROM "PatronCategory" WHERE code = 'ADULT') AS category`);
  const card = `PRV${stamp}${first}`.toUpperCase();
  const [{ id }] = await queryE2e<{ id: number }>(`INSERT INTO "Patron" ("cardNumber", "firstName", "lastName", email, "homeBranchId", "categoryId",
      "registeredOn", "expiresOn", "updatedAt") VALUES ('${card}', '${first}', 'Preview${stamp}', '${first.toLowerCase()}.${stamp}@example.net',
      ${branch}, ${category}, '2025-01-01', '2029-01-01', now()) RETURNING id`);
  await queryE2e(`WITH i AS (INSERT INTO "Item" (barcode, title, "branchId") VALUES ('B${card}', 'The Atlas of ${first}', ${branch}) RETURNING id)
    INSERT INTO "Loan" ("patronId", "itemId", "loanedAt", "dueDate") SELECT ${id}, i.id, now() - interval '40 days', current_date - 10 FROM i`);
  return { id, card, title: `The Atlas of ${first}` };
}

/** The id Next gave a server action, from the build's manifest (security.spec.ts does the same). */
function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(".next-e2e/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName?: string }> };
  const id = Object.entries(manifest.node).find(([, a]) => a.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`no server action ${exportedName} in the manifest`);
  return id;
}

test("preview a date: the counts match the dry run, a message is rendered in its frame, a bad date is named", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const date = await tomorrow();
  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();

  await page.goto("/notices/preview?date=2100-01-01");
  await expect(page.locator("#date-error")).toHaveText("a date from 2000-01-01 to 2099-12-31");
  await expect(page.getByLabel("Run date")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("preview-empty")).toContainText("Correct the field marked in red");
  await axe(page);
  await shot(page, testInfo, "preview-bad-date");

  await page.getByLabel("Run date").fill(date);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page).toHaveURL(new RegExp(`date=${date}`));
  await expect(page.getByTestId("preview-result")).toBeVisible({ timeout: 60_000 });
  // The same dry run through the API: the page's totals are its totals.
  const api = await (await page.request.get(`/api/notices/preview?date=${date}&limit=0`)).json() as { totals: { notices: number; deliveries: number; emailDeliveries: number } };
  expect(api.totals.notices).toBeGreaterThan(0);
  await expect(page.getByTestId("preview-notices")).toHaveText(n(api.totals.notices));
  await expect(page.getByTestId("preview-email")).toHaveText(n(api.totals.emailDeliveries));
  const groupNotices = await page.getByTestId("group-notices").allTextContents();
  expect(groupNotices.reduce((sum, t) => sum + Number(t.replace(/,/g, "")), 0)).toBe(api.totals.notices);
  // The first group's first message, as the patron would see it.
  const first = page.getByTestId("draft-message").first();
  const subject = (await first.getByTestId("draft-subject").textContent())!;
  await expect(first.frameLocator('[data-testid="draft-html"]').locator("body")).toContainText(subject);
  // A full-page shot in headless Chromium paints only the frame on screen (the others come out blank): show the first.
  await first.getByTestId("draft-html").scrollIntoViewIfNeeded();
  await axe(page);
  await shot(page, testInfo, "preview-date");

  // One scenario: the counts narrow to it.
  await page.getByLabel("Scenario").selectOption({ label: "Loans overdue: escalation" });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page).toHaveURL(/scenario=overdue-escalation/);
  await expect(page.getByTestId("preview-result")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("preview-group").first()).toContainText("Loans overdue: escalation");
  const rows = await page.getByTestId("preview-group").allTextContents();
  expect(rows.every((r) => r.startsWith("Loans overdue: escalation"))).toBe(true);
});

test("what would this patron get: an overdue loan's letter, rendered; nothing for a patron with nothing out", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const patron = await makePatron("Olwen");
  const date = await tomorrow();
  await signIn(page, READ_ONLY); // a question, not a change: everyone may ask it
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto(`/patrons/${patron.id}`);
  await page.getByLabel("Run date").fill(date);
  await page.getByRole("button", { name: "Show what would go" }).click();
  await expect(page).toHaveURL(new RegExp(`on=${date}`));
  const answer = page.getByTestId("patron-preview");
  await expect(answer).toBeVisible();
  await expect(answer.getByTestId("patron-preview-summary")).toContainText(`by email (olwen.${stamp}@example.net)`);
  await expect(answer.getByTestId("draft-message").first().frameLocator('[data-testid="draft-html"]').locator("body")).toContainText(patron.title);
  await answer.getByTestId("draft-html").first().scrollIntoViewIfNeeded();
  await axe(page);
  await shot(page, testInfo, "patron-would-get");

  const [{ id: quiet }] = await queryE2e<{ id: number }>(`INSERT INTO "Patron" ("cardNumber", "firstName", "lastName", "homeBranchId", "categoryId",
      "registeredOn", "expiresOn", "updatedAt") SELECT 'PRVQ${stamp}', 'Quiet', 'Preview${stamp}', "homeBranchId", "categoryId", '2025-01-01', '2029-01-01', now()
      FROM "Patron" WHERE id = ${patron.id} RETURNING id`);
  await page.goto(`/patrons/${quiet}?on=${date}`);
  await expect(page.getByTestId("patron-preview-nothing")).toContainText("Nothing would go to this patron");
  await axe(page);
  await shot(page, testInfo, "patron-would-get-nothing");
  await page.goto(`/patrons/${quiet}?on=1999-01-01`);
  await expect(page.locator("#on-error")).toHaveText("a date from 2000-01-01 to 2099-12-31");
});

test("contacts: a bad email refused beside the field, a good one saved, edited, removed after a confirmation; the patron's own email; all audited", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const patron = await makePatron("Bryn");
  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto(`/patrons/${patron.id}`);
  await page.getByRole("button", { name: "Add a contact" }).click();
  const form = page.getByRole("form", { name: "Add a contact" });
  await form.getByLabel("Kind").selectOption("PARENT");
  await form.getByLabel("Name").fill("Rhian Parent");
  await form.getByLabel("Email").fill("rhian-at-example");
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("an email address")).toBeVisible();
  await expect(form.getByTestId("contact-form-status")).toHaveText("Not saved: one field needs correcting (marked in red).");
  await axe(page);
  await shot(page, testInfo, "contact-bad-email");
  expect(await queryE2e(`SELECT id FROM "PatronContact" WHERE "patronId" = ${patron.id}`)).toEqual([]);

  await form.getByLabel("Email").fill(`rhian.${stamp}@example.net`);
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(page.getByTestId("contacts-status")).toHaveText("Added Rhian Parent.");
  const card = page.getByTestId("patron-contact").filter({ hasText: "Rhian Parent" });
  await expect(card).toContainText(`rhian.${stamp}@example.net`);
  await expect(card).toContainText("Parent");
  const [row] = await queryE2e<{ kind: string; email: string }>(`SELECT kind, email FROM "PatronContact" WHERE "patronId" = ${patron.id}`);
  expect(row).toEqual({ kind: "PARENT", email: `rhian.${stamp}@example.net` });
  await axe(page);
  await shot(page, testInfo, "contact-added");

  await card.getByRole("button", { name: "Edit Rhian Parent" }).click();
  const edit = page.getByRole("form", { name: "Edit Rhian Parent" });
  await edit.getByLabel("Mobile").fill("07700 900456");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("contacts-status")).toHaveText("Saved Rhian Parent.");
  await expect(card).toContainText("07700 900456");

  await card.getByRole("button", { name: "Remove Rhian Parent" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove Rhian Parent from this patron's contacts?" });
  await expect(dialog).toBeVisible();
  await shot(page, testInfo, "contact-remove-confirm");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(card).toBeVisible();
  await card.getByRole("button", { name: "Remove Rhian Parent" }).click();
  await dialog.getByRole("button", { name: "Remove contact" }).click();
  await expect(page.getByTestId("contacts-status")).toHaveText("Removed Rhian Parent.");
  await expect(page.getByTestId("patron-contact").filter({ hasText: "Rhian Parent" })).toHaveCount(0);
  expect(await queryE2e(`SELECT id FROM "PatronContact" WHERE "patronId" = ${patron.id}`)).toEqual([]);

  // The patron's own email, the same way.
  await page.getByRole("button", { name: `Edit Bryn Preview${stamp}` }).click();
  const own = page.getByRole("form", { name: `Edit Bryn Preview${stamp}'s own email and mobile` });
  await own.getByLabel("Email").fill("bryn@");
  await own.getByRole("button", { name: "Save" }).click();
  await expect(own.getByText("an email address")).toBeVisible();
  await own.getByLabel("Email").fill(`bryn.new.${stamp}@example.net`);
  await own.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("contacts-status")).toHaveText("Saved the patron's own email and mobile.");
  await expect(page.getByTestId("patron-contact").first()).toContainText(`bryn.new.${stamp}@example.net`);
  const [self] = await queryE2e<{ email: string }>(`SELECT email FROM "Patron" WHERE id = ${patron.id}`);
  expect(self.email).toBe(`bryn.new.${stamp}@example.net`);

  // The audit log says what happened, in plain words, linked to the patron.
  await page.goto("/settings/audit?area=patron-contact");
  const audit = page.getByTestId("audit-table");
  const rows = audit.getByRole("row").filter({ hasText: patron.card });
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText(`Email: bryn.${stamp}@example.net → bryn.new.${stamp}@example.net`);
  await expect(rows.nth(0)).toContainText("the patron themselves");
  await expect(rows.nth(1)).toContainText("Patron contacts · removed");
  await expect(rows.nth(2)).toContainText(`(card ${patron.card}): Rhian Parent`);
  await expect(rows.nth(2)).toContainText("Mobile: (none) → 07700 900456");
  await expect(rows.nth(3)).toContainText(`Email: (none) → rhian.${stamp}@example.net`);
  await axe(page);
  await shot(page, testInfo, "contact-audit");
});

test("read-only staff see no contact controls, and a direct call of the action is refused", async ({ page, baseURL }, testInfo) => {
  test.setTimeout(90_000);
  const patron = await makePatron("Cai");
  await signIn(page, READ_ONLY);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto(`/patrons/${patron.id}`);
  await expect(page.getByTestId("patron-contact").first()).toContainText(`cai.${stamp}@example.net`);
  await expect(page.getByRole("button", { name: "Add a contact" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Edit / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
  await axe(page);
  await shot(page, testInfo, "contacts-read-only");

  const refused = await page.request.post(`/patrons/${patron.id}`, {
    headers: { "Next-Action": actionId("saveContactAction"), Origin: new URL(baseURL!).origin, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" },
    data: JSON.stringify([{ patronId: patron.id, kind: "PARENT", name: "Sneaky", email: "sneaky@example.net" }]),
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(200);
  expect(await refused.text()).toContain("Your role does not allow this.");
  expect(await queryE2e(`SELECT id FROM "PatronContact" WHERE "patronId" = ${patron.id}`)).toEqual([]);
});
