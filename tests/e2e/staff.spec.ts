import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { ADMIN, queryE2e, signIn } from "./db";

test("an admin adds a staff account (errors beside the fields), the person signs in, then is made read-only and deactivated", async ({ page, browser }, testInfo) => {
  const email = `dee.${Date.now()}@library.example`;
  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto("/settings/staff");
  // What each role may do comes from the permission code.
  await expect(page.getByTestId("roles-table").getByRole("row", { name: /Change scenarios/ })).toContainText("yes");

  const add = page.getByRole("form", { name: "Add a staff account" });
  await add.getByLabel("Name").fill("Dee Desk");
  await add.getByLabel("Email").fill(email);
  await add.getByLabel("Role").selectOption({ label: "Circulation" });
  await add.getByLabel(/^Password/).fill("short");
  await add.getByRole("button", { name: "Add account" }).click();
  await expect(page.locator("#new-password-error")).toHaveText("at least 12 characters");
  await expect(add.getByLabel(/^Password/)).toHaveAttribute("aria-invalid", "true");
  expect(await queryE2e(`SELECT 1 FROM "StaffUser" WHERE email = '${email}'`)).toEqual([]);
  await add.getByLabel(/^Password/).fill("a long enough password");
  await add.getByRole("button", { name: "Add account" }).click();
  await expect(page.getByTestId("add-staff-status")).toContainText("Added Dee Desk");

  // The new account signs in, as circulation staff.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await signIn(theirs, { email, password: "a long enough password" });
  await expect(theirs.getByTestId("staff-name")).toContainText("Dee Desk · Circulation");

  const row = page.getByTestId(`staff-${email}`);
  await row.getByLabel("Role of Dee Desk").selectOption({ label: "Read-only" });
  await row.getByLabel("Dee Desk can sign in").uncheck();
  await row.getByRole("button", { name: "Save Dee Desk" }).click();
  await expect(row).toContainText("Saved Dee Desk.");
  expect(await queryE2e(`SELECT role, "isActive" FROM "StaffUser" WHERE email = '${email}'`)).toEqual([{ role: "READ_ONLY", isActive: false }]);
  // Deactivated: their next page sends them to sign in.
  await theirs.goto("/scenarios");
  await expect(theirs).toHaveURL(/sign-in/);
  await other.close();

  await page.reload();
  const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(a11y.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
  await testInfo.attach("staff", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
});
