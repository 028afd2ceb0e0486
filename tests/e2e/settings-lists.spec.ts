import { expect, test } from "@playwright/test";
import { ADMIN, queryE2e, READ_ONLY, signIn } from "./db";
import { expectAccessible as expectNoA11yViolations, shot } from "./look";

const categoryByName = (name: string) => queryE2e<{ id: number; code: string; name: string }>(`SELECT id, code, name FROM "PatronCategory" WHERE name = '${name}'`);

test("an admin adds a patron category (errors beside the field first), renames it, is refused deleting one in use, deletes the new one", async ({ page }, testInfo) => {
  test.setTimeout(90_000); // many round trips and three axe scans on a shared 2-core machine
  const stamp = Date.now().toString(36).toUpperCase();
  const code = `E2E-${stamp}`;
  const name = `Visitors ${stamp}`;
  const renamed = `Visiting readers ${stamp}`;
  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto("/settings/lists");
  const categories = page.getByRole("region", { name: "Patron categories" });
  await expect(categories.getByTestId("entry-category-ADULT")).toContainText("Adult");
  await expect(page.getByText("Only administrators can change these lists.")).toHaveCount(0);

  // A bad code: the error is beside the field and nothing is written.
  const add = categories.getByRole("form", { name: "Add a patron category" });
  await add.getByLabel("Code").fill("NOT A CODE!");
  await add.getByLabel("Name").fill(name);
  await add.getByRole("button", { name: "Add" }).click();
  await expect(page.locator("#category-new-code-error")).toHaveText("letters, digits, - or _, up to 20 (e.g. ADULT)");
  await expect(add.getByLabel("Code")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#category-new-name-error")).toHaveText("");
  await expect(categories.getByTestId("category-status")).toHaveText("");
  expect(await categoryByName(name)).toEqual([]);
  await shot(page, testInfo, "lists-add-error");

  await add.getByLabel("Code").fill(code.toLowerCase()); // codes are kept in capitals
  await add.getByRole("button", { name: "Add" }).click();
  await expect(categories.getByTestId("category-status")).toHaveText(`Added ${name} (${code}).`);
  const [created] = await categoryByName(name);
  expect(created).toMatchObject({ code, name });
  const row = categories.getByTestId(`entry-category-${code}`);
  await expect(row).toContainText(name);

  // Renamed in place: an empty name is refused beside the field; a good one is saved and audited before → after.
  await row.getByRole("button", { name: `Edit ${name}` }).click();
  await row.getByLabel(`Name of ${name}`).fill("");
  await row.getByRole("button", { name: `Save ${name}` }).click();
  await expect(row.locator(`#edit-category-${created.id}-name-error`)).toHaveText("the name staff see in lists");
  await expect(row.getByLabel(`Name of ${name}`)).toHaveAttribute("aria-invalid", "true");
  await expect(categories.getByTestId("category-status")).toHaveText("");
  expect((await categoryByName(name)).map((c) => c.id)).toEqual([created.id]);
  await shot(page, testInfo, "lists-edit-error");
  await row.getByLabel(`Name of ${name}`).fill(renamed);
  await row.getByRole("button", { name: `Save ${name}` }).click();
  await expect(categories.getByTestId("category-status")).toHaveText(`Saved ${renamed} (${code}).`);
  await expect(row).toContainText(renamed);
  expect((await categoryByName(renamed)).map((c) => c.id)).toEqual([created.id]);
  const [audit] = await queryE2e<{ details: unknown; email: string }>(`SELECT a.details, s.email FROM "AuditLog" a JOIN "StaffUser" s ON s.id = a."actorId"
    WHERE a.entity = 'patron-lists' AND a."entityId" = 'category:${created.id}' AND a.action = 'category.update' ORDER BY a.id DESC LIMIT 1`);
  expect(audit).toEqual({ details: { before: { code, name }, after: { code, name: renamed } }, email: ADMIN.email });

  // A category patrons have: the dialog warns, and the server's refusal is shown in its words; nothing is deleted.
  const [{ n }] = await queryE2e<{ n: number }>(`SELECT count(*)::int AS n FROM "Patron" p JOIN "PatronCategory" c ON c.id = p."categoryId" WHERE c.code = 'ADULT'`);
  expect(n).toBeGreaterThan(0);
  await categories.getByRole("button", { name: "Delete Adult" }).click();
  const adultDialog = page.getByRole("dialog", { name: "Delete the patron category Adult (ADULT)?" });
  await expect(adultDialog).toContainText("It is in use, so it will not be deleted");
  await adultDialog.getByRole("button", { name: "Delete Adult" }).click();
  await expect(adultDialog.getByTestId("delete-refusal")).toContainText(`Adult is not deleted: ${n.toLocaleString("en")} patrons`);
  await expectNoA11yViolations(page);
  await shot(page, testInfo, "lists-delete-refused");
  await adultDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(adultDialog).toBeHidden();
  expect(await queryE2e(`SELECT 1 FROM "PatronCategory" WHERE code = 'ADULT'`)).toHaveLength(1);

  // The new, unused one: deleted after confirming, and audited.
  await row.getByRole("button", { name: `Delete ${renamed}` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete the patron category ${renamed} (${code})?` });
  await expect(dialog).toContainText("No patron or scenario names it");
  await dialog.getByRole("button", { name: `Delete ${renamed}` }).click();
  await expect(categories.getByTestId("category-status")).toHaveText(`Deleted ${renamed} (${code}).`);
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(0);
  expect(await queryE2e(`SELECT 1 FROM "PatronCategory" WHERE id = ${created.id}`)).toEqual([]);
  expect(await queryE2e(`SELECT action FROM "AuditLog" WHERE entity = 'patron-lists' AND "entityId" = 'category:${created.id}' ORDER BY id`))
    .toEqual([{ action: "category.create" }, { action: "category.update" }, { action: "category.delete" }]);

  await page.reload();
  await expectNoA11yViolations(page);
  await shot(page, testInfo, "lists-admin");
});

test("read-only staff see the lists and contact kinds, without the controls to change them", async ({ page }, testInfo) => {
  await signIn(page, READ_ONLY);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto("/settings/lists");
  await expect(page.getByText("Only administrators can change these lists.")).toBeVisible();
  for (const title of ["Patron categories", "Academic levels", "Library groups"]) {
    await expect(page.getByRole("region", { name: title }).getByRole("table")).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Patron categories" }).getByTestId("entry-category-ADULT")).toContainText("Adult");
  await expect(page.getByRole("button", { name: /^(Add|Edit|Delete)/ })).toHaveCount(0);
  await expect(page.getByRole("form")).toHaveCount(0);
  // The demo's escalation scenario sends its third level to parents and guardians too.
  const kinds = page.getByRole("region", { name: "Contact kinds" });
  await expect(kinds.getByTestId("contact-kind-PARENT")).toContainText("Loans overdue: escalation (level 3)");
  await expect(kinds.getByTestId("contact-kind-TEACHER")).toContainText("none");
  await expectNoA11yViolations(page);
  await shot(page, testInfo, "lists-read-only");
});
