import { expect, test } from "@playwright/test";
import { addDays } from "../../lib/notices/rules/day-count";
import { formatDate, localDate } from "../../lib/time/library-date";
import { ADMIN, READ_ONLY, queryE2e, signIn } from "./db";
import { expectAccessible, shot } from "./look";

// Settings → Branches as an administrator and as read-only staff: opening hours typed as staff write them, closed days
// for every branch at once, reopening confirmed, a branch added and deleted, a branch in use refused.
const closedRows = (reason: string) =>
  queryE2e<{ code: string; d: string }>(`SELECT b.code, to_char(c.date, 'YYYY-MM-DD') AS d FROM "BranchClosedDay" c JOIN "Branch" b ON b.id = c."branchId"
    WHERE c.reason = '${reason}' ORDER BY c.date, b.code`);

test("an administrator closes every branch for a range, reopens a day after confirming, adds a branch with its hours and deletes it", async ({ page }, testInfo) => {
  test.setTimeout(120_000); // many steps, each waiting for the database; slow when the machine is shared
  const [{ tz }] = await queryE2e<{ tz: string }>(`SELECT "timeZone" AS tz FROM "LibrarySettings" WHERE id = 1`);
  const first = addDays(localDate(tz), 10);
  const last = addDays(first, 2);
  const branchCount = (await queryE2e<{ n: number }>(`SELECT count(*)::int AS n FROM "Branch"`))[0].n;

  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto("/settings/branches");
  const table = page.getByTestId("branches-table");
  await expect(table.getByRole("row", { name: /Central Library/ })).toContainText("Mon–Thu 09:00-19:00 · Fri 09:00-17:00 · Sat 10:00-16:00 · Sun closed");
  await expect(table.getByRole("row", { name: /Northgate Branch/ })).toContainText("Mon–Tue 10:00-17:00 · Wed closed · Thu 10:00-19:00");

  // A range that ends before it starts: the error is beside "Last day" and nothing is written.
  const form = page.getByRole("form", { name: "Add closed days" });
  await form.getByLabel("First day").fill(last);
  await form.getByLabel("Last day").fill(first);
  await form.getByLabel("Reason").fill("Staff training");
  await form.getByRole("button", { name: "Add closed days" }).click();
  await expect(page.locator("#closed-to-error")).toHaveText("the last day must be on or after the first");
  await expect(form.getByLabel("Last day")).toHaveAttribute("aria-invalid", "true");
  expect(await closedRows("Staff training")).toEqual([]);

  // Three days at every branch: one line per day, "Every branch".
  await form.getByLabel("First day").fill(first);
  await form.getByLabel("Last day").fill(last);
  await form.getByRole("button", { name: "Add closed days" }).click();
  await expect(page.getByTestId("closed-days-status")).toHaveText(`Closed ${formatDate(first)} to ${formatDate(last)} at every branch.`);
  expect((await closedRows("Staff training")).length).toBe(3 * branchCount);
  const calendar = page.getByTestId("closed-days-table");
  const middle = calendar.getByRole("row", { name: new RegExp(formatDate(addDays(first, 1))) });
  await expect(middle).toContainText("Every branch");
  await expect(middle).toContainText("Staff training");
  await expectAccessible(page);
  await shot(page, testInfo, "branches-list");

  // Reopening asks first, naming the day; cancelling writes nothing.
  await middle.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Reopen 1 chosen" }).click();
  const dialog = page.getByRole("dialog", { name: "Reopen 1 closed day?" });
  await expect(dialog).toContainText(`${formatDate(addDays(first, 1))}: Every branch (Staff training)`);
  await shot(page, testInfo, "branches-reopen-confirm");
  await page.keyboard.press("Escape");
  expect((await closedRows("Staff training")).length).toBe(3 * branchCount);
  await page.getByRole("button", { name: "Reopen 1 chosen" }).click();
  await dialog.getByRole("button", { name: "Reopen" }).click();
  await expect(page.getByTestId("closed-days-status")).toHaveText(`Reopened: ${branchCount} closed days removed from the calendar.`);
  expect(new Set((await closedRows("Staff training")).map((r) => r.d))).toEqual(new Set([first, last]));
  await expect(calendar.getByRole("row", { name: new RegExp(formatDate(addDays(first, 1))) })).toHaveCount(0);

  // A new branch: hours typed wrongly are named beside the day; fixed, it is saved and audited.
  await page.getByRole("link", { name: "Add a branch" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Mobile Library");
  await page.getByLabel("Code").fill("mob");
  await page.getByLabel("Monday").fill("9 to 5");
  await page.getByLabel("Saturday").fill("13:00-10:00");
  await page.getByRole("button", { name: "Add branch" }).click();
  await expect(page.locator("#branch-openingHours-mon-error")).toHaveText("times as 09:00-17:00, several separated by commas, or empty when closed");
  await expect(page.locator("#branch-openingHours-sat-error")).toHaveText("13:00-10:00: the closing time must be after the opening time");
  expect(await queryE2e(`SELECT id FROM "Branch" WHERE code = 'MOB'`)).toEqual([]);
  await expectAccessible(page);
  await shot(page, testInfo, "branch-new-errors");
  await page.getByLabel("Monday").fill("09:00-12:30, 13:30-17:00");
  await page.getByLabel("Saturday").fill("10:00-13:00");
  await page.getByRole("button", { name: "Add branch" }).click();
  await expect(page.getByRole("status")).toHaveText("Added Mobile Library. Add its closed days below.");
  await expect(page).toHaveURL(/\/settings\/branches\/\d+\?added=1$/);
  const [mobile] = await queryE2e<{ id: number; hours: Record<string, unknown> }>(`SELECT id, "openingHours" AS hours FROM "Branch" WHERE code = 'MOB'`);
  expect(mobile.hours).toEqual({ mon: [["09:00", "12:30"], ["13:30", "17:00"]], tue: [], wed: [], thu: [], fri: [], sat: [["10:00", "13:00"]], sun: [] });
  const [audit] = await queryE2e<{ action: string; email: string }>(`SELECT a.action, s.email FROM "AuditLog" a JOIN "StaffUser" s ON s.id = a."actorId"
    WHERE a.entity = 'branch' AND a."entityId" = '${mobile.id}' ORDER BY a.id DESC LIMIT 1`);
  expect(audit).toEqual({ action: "branch.create", email: ADMIN.email });
  await expect(page.getByLabel("Monday")).toHaveValue("09:00-12:30, 13:30-17:00");
  await expect(page.getByTestId("closed-days-empty")).toBeVisible();
  await expectAccessible(page);
  await shot(page, testInfo, "branch-edit");

  // Deleting asks first; the new branch, used by nothing, goes.
  await page.getByRole("button", { name: "Delete branch" }).click();
  await page.getByRole("dialog", { name: "Delete Mobile Library?" }).getByRole("button", { name: "Delete branch" }).click();
  await expect(page).toHaveURL(/\/settings\/branches$/);
  await expect(page.getByTestId("branches-table")).not.toContainText("Mobile Library");
  expect(await queryE2e(`SELECT id FROM "Branch" WHERE code = 'MOB'`)).toEqual([]);

  // A branch that loans name is refused, in words that say why.
  await page.getByTestId("branches-table").getByRole("link", { name: "Central Library" }).click();
  await page.getByRole("button", { name: "Delete branch" }).click();
  await page.getByRole("dialog", { name: "Delete Central Library?" }).getByRole("button", { name: "Delete branch" }).click();
  await expect(page.getByTestId("branch-status")).toContainText("Central Library is not deleted:");
  await expect(page.getByTestId("branch-status")).toContainText("Rename it instead");
  expect((await queryE2e(`SELECT id FROM "Branch" WHERE code = 'CEN'`)).length).toBe(1);
});

test("read-only staff see branches, hours and closed days but cannot change them", async ({ page }, testInfo) => {
  await signIn(page, READ_ONLY);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  // Settings opens on what they may read: the branches and patron lists, without the administrators' tabs.
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings\/branches$/);
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link")).toHaveText(["Branches", "Patron lists"]);
  await expect(page.getByTestId("branches-table")).toContainText("Central Library");
  await expect(page.getByText("Only administrators can change branches.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Add a branch" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Add closed days" })).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await page.getByTestId("branches-table").getByRole("link", { name: "Central Library" }).click();
  await expect(page.getByLabel("Monday")).toHaveValue("09:00-19:00");
  await expect(page.getByLabel("Monday")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save branch" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete branch" })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, testInfo, "branch-read-only");
  await page.goto("/settings/branches/new");
  await expect(page.getByRole("heading", { name: "New branch" })).toHaveCount(0);
});
