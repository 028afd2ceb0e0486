import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { localDate, monthStart } from "../../lib/time/library-date";
import { ADMIN, queryE2e, signIn } from "./db";

const retention = async () => (await queryE2e<{ m: number }>(`SELECT "ledgerRetentionMonths" AS m FROM "LibrarySettings" WHERE id = 1`))[0].m;

test("an admin sees each month of notice history, lowering the months kept asks first and names what goes, the change is audited", async ({ page }, testInfo) => {
  // A month of ledger 18 months old (as a library two years in would have): kept at 24 months, removed at 12.
  const [{ tz }] = await queryE2e<{ tz: string }>(`SELECT "timeZone" AS tz FROM "LibrarySettings" WHERE id = 1`);
  const old = monthStart(localDate(tz), -18);
  const oldLabel = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${old}T00:00:00Z`));
  await queryE2e(`SELECT ledger_ensure_partitions('${old}', '${old}')`);
  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto("/settings");
  const history = page.getByRole("region", { name: "Notice history" });
  await expect(history.getByRole("table")).toContainText(oldLabel);
  const months = history.getByLabel("Months kept");
  await expect(months).toHaveValue(String(await retention()));

  // Out of range: the error is beside the field and nothing is written.
  await months.fill("2");
  await history.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#retention-months-error")).toHaveText("at least 3 months");
  await expect(months).toHaveAttribute("aria-invalid", "true");
  expect(await retention()).toBe(24);

  // Lowering past that month: a confirmation names it; cancelling writes nothing.
  await months.fill("12");
  await history.getByRole("button", { name: "Save" }).click();
  const dialog = page.getByRole("dialog", { name: "Keep 12 months and remove older history?" });
  await expect(dialog).toContainText(oldLabel);
  await expect(dialog).toContainText("cannot be undone");
  await testInfo.attach("settings-confirm", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  const a11yDialog = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(a11yDialog.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await retention()).toBe(24);

  await history.getByRole("button", { name: "Save" }).click();
  await dialog.getByRole("button", { name: "Remove and save" }).click();
  await expect(page.getByTestId("retention-status")).toHaveText("Saved: notice history is kept for 12 months.");
  expect(await retention()).toBe(12);
  const [audit] = await queryE2e<{ details: unknown; email: string }>(`SELECT a.details, s.email FROM "AuditLog" a JOIN "StaffUser" s ON s.id = a."actorId"
    WHERE a.entity = 'settings' AND a."entityId" = 'ledgerRetentionMonths' ORDER BY a.id DESC LIMIT 1`);
  expect(audit).toEqual({ details: { before: { ledgerRetentionMonths: 24 }, after: { ledgerRetentionMonths: 12 } }, email: ADMIN.email });

  // Raising it back removes nothing, so it saves without asking.
  await months.fill("24");
  await history.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("retention-status")).toHaveText("Saved: notice history is kept for 24 months.");
  expect(await retention()).toBe(24);

  await page.reload();
  const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(a11y.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
  await testInfo.attach("settings", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
});

test("an admin downloads the configuration, checks a changed copy (nothing written), and imports it", async ({ page }, testInfo) => {
  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Configuration file" });
  const download = page.waitForEvent("download");
  await section.getByRole("link", { name: "Download the configuration" }).click();
  const file = JSON.parse(await (await (await download).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8")));
  expect(file.format).toBe("noticeboard-configuration");
  const invoice = file.scenarios.find((s: { code: string }) => s.code === "invoice");
  const oldName = invoice.name;
  invoice.name = "Invoice reminder (weekly)";

  const upload = (doc: unknown, name: string) => section.getByLabel("Import a configuration file").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(doc)) });
  await upload(file, "changed.json");
  await expect(section.getByTestId("config-changes")).toContainText(`Scenarios · invoice: Name: ${oldName} → Invoice reminder (weekly)`);
  const name = async () => (await queryE2e<{ name: string }>(`SELECT name FROM "Scenario" WHERE code = 'invoice'`))[0].name;
  expect(await name()).toBe(oldName); // checking wrote nothing
  await testInfo.attach("config-check", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  await section.getByRole("button", { name: "Import these changes" }).click();
  await page.getByRole("dialog", { name: "Import these changes?" }).getByRole("button", { name: "Import" }).click();
  await expect(section.getByTestId("config-result")).toContainText("Imported: 1 change(s)");
  expect(await name()).toBe("Invoice reminder (weekly)");

  // A file that is not JSON is refused in plain words.
  await section.getByLabel("Import a configuration file").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await expect(section.getByTestId("config-result")).toContainText("notes.txt is not a JSON file");
  // Put the name back for the other specs.
  invoice.name = oldName;
  await upload(file, "original.json");
  await section.getByRole("button", { name: "Import these changes" }).click();
  await page.getByRole("dialog", { name: "Import these changes?" }).getByRole("button", { name: "Import" }).click();
  await expect(section.getByTestId("config-result")).toContainText("Imported: 1 change(s)");
  expect(await name()).toBe(oldName);
});

test("an admin changes the library's settings: errors beside the fields, nothing written until valid, audited", async ({ page }, testInfo) => {
  const read = async () => (await queryE2e<{ closingTime: string; timeZone: string; senderName: string | null }>(
    `SELECT "closingTime", "timeZone", "senderName" FROM "LibrarySettings" WHERE id = 1`))[0];
  const before = await read();
  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto("/settings/library");
  await page.getByLabel("Closing time").fill("25:00");
  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#s-closingTime-error")).toHaveText("a time as HH:MM, e.g. 17:00");
  await expect(page.locator("#s-timeZone-error")).toHaveText("a time zone from the list, such as Europe/London");
  await expect(page.getByLabel("Closing time")).toHaveAttribute("aria-invalid", "true");
  expect(await read()).toEqual(before);

  await page.getByLabel("Closing time").fill("18:30");
  await page.getByLabel("Time zone").fill(before.timeZone);
  await page.getByLabel("Sender name").fill("Riverside Libraries");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("library-settings-status")).toHaveText("Saved.");
  expect(await read()).toEqual({ ...before, closingTime: "18:30", senderName: "Riverside Libraries" });
  const [audit] = await queryE2e<{ details: unknown }>(`SELECT details FROM "AuditLog" WHERE entity = 'settings' AND "entityId" = 'library' ORDER BY id DESC LIMIT 1`);
  expect(audit.details).toEqual({ before: { closingTime: before.closingTime, senderName: before.senderName }, after: { closingTime: "18:30", senderName: "Riverside Libraries" } });
  await page.reload();
  await expect(page.getByLabel("Closing time")).toHaveValue("18:30");
  const a11y = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(a11y.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
  await testInfo.attach("library-settings", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  await queryE2e(`UPDATE "LibrarySettings" SET "closingTime" = '${before.closingTime}', "senderName" = ${before.senderName === null ? "NULL" : `'${before.senderName}'`} WHERE id = 1`);
});
