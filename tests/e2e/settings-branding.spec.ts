import { expect, test } from "@playwright/test";
import { ADMIN, queryE2e, signIn } from "./db";
import { expectAccessible as axe, shot } from "./look";

const translations = async () => (await queryE2e<{ t: Record<string, Record<string, string>> }>(`SELECT "frameTranslations" AS t FROM "LibrarySettings" WHERE id = 1`))[0].t;

test("an admin adds the frame's texts in Māori: a bad tag or a language twice is named beside it, the save is kept and audited", async ({ page }, testInfo) => {
  const before = await translations();
  expect(before).toHaveProperty("cy"); // the seed's Welsh
  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto("/settings/library");
  const branding = page.getByRole("region", { name: "Branding" });
  await expect(branding.getByRole("group", { name: "Language cy · Welsh" }).getByLabel("Footer (cy)")).toHaveValue(before.cy.footerText);

  await branding.getByRole("button", { name: "Add a language" }).click();
  const row = branding.getByRole("group").last();
  await expect(row).toHaveAccessibleName("New language");
  const tag = row.getByLabel("Language tag");
  await expect(tag).toBeFocused();
  await tag.fill("Māori");
  await row.getByLabel("Footer (Māori)").fill("Whakahouhia ā-ipurangi, waea mai rānei ki 01632 960000.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText("a language tag such as cy, mi or fr-CA")).toBeVisible();
  await expect(tag).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("library-settings-status")).toHaveText("Not saved: one field needs correcting (marked in red).");
  expect(await translations()).toEqual(before);
  await shot(page, testInfo, "branding-bad-tag");

  // Welsh again: the form says so itself (a tag can be a key once only).
  await tag.fill("cy");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText("cy is listed twice")).toBeVisible();
  expect(await translations()).toEqual(before);

  await tag.fill("mi");
  await expect(row).toHaveAccessibleName("Language mi · Māori");
  await expect(tag).not.toHaveAttribute("aria-invalid");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("library-settings-status")).toHaveText("Saved.");
  const mi = { footerText: "Whakahouhia ā-ipurangi, waea mai rānei ki 01632 960000." };
  expect(await translations()).toEqual({ ...before, mi });
  const [audit] = await queryE2e<{ details: unknown }>(`SELECT details FROM "AuditLog" WHERE entity = 'settings' AND "entityId" = 'library' ORDER BY id DESC LIMIT 1`);
  expect(audit.details).toEqual({ before: { frameTranslations: before }, after: { frameTranslations: { ...before, mi } } });

  await page.reload();
  const kept = branding.getByRole("group", { name: "Language mi · Māori" });
  await expect(kept.getByLabel("Footer (mi)")).toHaveValue(mi.footerText);
  await expect(kept.getByLabel("Opening hours (mi)")).toHaveValue("");
  await axe(page);
  await shot(page, testInfo, "branding-saved");

  // Removing a language with text asks first; Escape keeps it, the confirm removes it from the form until Save.
  await kept.getByRole("button", { name: "Remove mi" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove the mi translation?" });
  await expect(dialog).toBeVisible();
  await axe(page);
  await shot(page, testInfo, "branding-remove-confirm");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(kept).toBeVisible();
  await kept.getByRole("button", { name: "Remove mi" }).click();
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(kept).toBeHidden();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("library-settings-status")).toHaveText("Saved.");
  expect(await translations()).toEqual(before);
});
