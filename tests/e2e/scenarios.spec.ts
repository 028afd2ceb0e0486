import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, queryE2e, READ_ONLY, signIn } from "./db";

const CODE = "overdue-escalation";
type Level = { level: number; periodDays: number; excludeAcademicLevelIds: number[] };
const levels = () => queryE2e<Level>(`SELECT l.level, l."periodDays", l."excludeAcademicLevelIds" FROM "ScenarioLevel" l
  JOIN "Scenario" s ON s.id = l."scenarioId" WHERE s.code = '${CODE}' ORDER BY l.level`);
const axe = async (page: Page) => {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`);
};
/** "19 patrons · 22 notices" → 19 */
const patrons = (text: string | null) => Number((text ?? "").replace(/,/g, "").match(/^(\d+) patrons/)?.[1] ?? NaN);

let saved: { runAt: string; levels: Level[] };
test.beforeAll(async () => {
  saved = { runAt: (await queryE2e<{ runAt: string }>(`SELECT "runAt" FROM "Scenario" WHERE code = '${CODE}'`))[0].runAt, levels: await levels() };
  // A patron with one loan 16 days overdue: at level 2 (14 days) as seeded, back at level 1 once level 2 is 21 days.
  await queryE2e(`WITH p AS (INSERT INTO "Patron" ("cardNumber", "firstName", "lastName", email, "homeBranchId", "categoryId", "registeredOn", "expiresOn", "updatedAt")
      SELECT 'E2E-SCEN-' || floor(random() * 1e9)::text, 'Sixteen', 'Days', 'sixteen.days@example.net', (SELECT min(id) FROM "Branch"),
        (SELECT id FROM "PatronCategory" WHERE code = 'ADULT'), '2025-01-01', '2030-01-01', now() RETURNING id),
    i AS (INSERT INTO "Item" (barcode, title, "branchId", "replacementCost") SELECT 'E2E-SCEN-' || floor(random() * 1e9)::text, 'Sixteen days late', min(id), 10 FROM "Branch" RETURNING id)
    INSERT INTO "Loan" ("patronId", "itemId", "loanedAt", "dueDate", status, "statusSetAt")
    SELECT p.id, i.id, current_date - 44, current_date - 16, 'ON_LOAN', current_date - 44 FROM p, i`);
});
test.afterAll(async () => {
  // Leave the demo library's escalation as it was for the other specs.
  await queryE2e(`UPDATE "Scenario" SET "runAt" = '${saved.runAt}' WHERE code = '${CODE}'`);
  for (const l of saved.levels) {
    await queryE2e(`UPDATE "ScenarioLevel" SET "periodDays" = ${l.periodDays}, "excludeAcademicLevelIds" = '{${l.excludeAcademicLevelIds.join(",")}}'
      WHERE level = ${l.level} AND "scenarioId" = (SELECT id FROM "Scenario" WHERE code = '${CODE}')`);
  }
});

test("change escalation level 2's period and excluded academic levels: schedule in words, would-send counts, saved and kept", async ({ page }, testInfo) => {
  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto("/scenarios");
  const row = page.getByTestId(`scenario-${CODE}`);
  await expect(row).toContainText("7, 14, 28 days overdue");
  expect(await axe(page)).toEqual([]);
  await testInfo.attach("scenarios", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  await row.getByRole("link").click();

  await expect(page.getByTestId("schedule-words")).toHaveText(`every day at ${saved.runAt}, Europe/London`);
  await page.getByLabel("Run time").fill("05:30");
  await expect(page.getByTestId("schedule-words")).toHaveText("every day at 05:30, Europe/London");

  // The counts as saved and as edited agree until level 2 changes.
  const level2 = page.getByTestId("would-send-level-2");
  await expect(level2.getByTestId("as-edited")).toContainText("patrons");
  const before = patrons(await level2.getByTestId("as-saved").textContent());
  expect(before).toBeGreaterThanOrEqual(1);
  await page.getByLabel("Level 2: days").fill("21");
  await expect.poll(async () => patrons(await level2.getByTestId("as-edited").textContent()), { timeout: 30_000 }).toBeLessThan(before);
  expect(patrons(await level2.getByTestId("as-saved").textContent())).toBe(before);

  // Level 3 may not come before level 2: the error is beside the field and Save refuses.
  await page.getByLabel("Level 3: days").fill("10");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#f-levels-2-periodDays-error")).toHaveText("must be more than level 2's (21)");
  await expect(page.getByLabel("Level 3: days")).toHaveAttribute("aria-invalid", "true");
  expect((await levels()).map((l) => l.periodDays)).toEqual(saved.levels.map((l) => l.periodDays));
  await page.getByLabel("Level 3: days").fill("28");

  // Exclude undergraduates from level 2.
  const level2Box = page.getByTestId("level-2");
  await level2Box.getByText("Patrons this level is not sent to").click();
  const academic = level2Box.getByRole("group", { name: "Academic levels" });
  await academic.getByRole("listbox", { name: "Available academic levels" }).selectOption({ label: "Undergraduate" });
  await academic.getByRole("button", { name: /Add the selected/ }).click();
  await expect(academic.getByRole("listbox", { name: "Excluded academic levels" })).toContainText("Undergraduate");
  await testInfo.attach("scenario-editing", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("save-status")).toContainText("Saved. The next run uses this configuration.");
  const [undergraduate] = await queryE2e<{ id: number }>(`SELECT id FROM "AcademicLevel" WHERE name = 'Undergraduate'`);
  expect((await levels()).map((l) => [l.periodDays, l.excludeAcademicLevelIds])).toEqual([[7, []], [21, [undergraduate.id]], [28, []]]);
  const [audit] = await queryE2e<{ action: string; email: string; runAt: string[] }>(`SELECT a.action, s.email,
      ARRAY[a.details->'before'->>'runAt', a.details->'after'->>'runAt'] AS "runAt"
    FROM "AuditLog" a JOIN "StaffUser" s ON s.id = a."actorId" WHERE a.entity = 'scenario' ORDER BY a.id DESC LIMIT 1`);
  expect(audit).toEqual({ action: "scenario.update", email: ADMIN.email, runAt: [saved.runAt, "05:30"] });

  await page.reload();
  await expect(page.getByLabel("Level 2: days")).toHaveValue("21");
  await expect(page.getByLabel("Run time")).toHaveValue("05:30");
  await expect(page.getByTestId("level-2").getByRole("group", { name: "Academic levels" }).getByRole("listbox", { name: "Excluded academic levels" })).toContainText("Undergraduate");
  await expect(page.getByTestId("would-send-level-2").getByTestId("as-saved")).toContainText("patrons");
  expect(await axe(page)).toEqual([]);
  await testInfo.attach("scenario-saved", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  await expect(page.getByTestId("scenario-changes")).toContainText(`Ada Admin: Run time: ${saved.runAt} → 05:30`);
  await page.goto("/scenarios");
  await expect(page.getByTestId(`scenario-${CODE}`)).toContainText("7, 21, 28 days overdue");
  await expect(page.getByTestId(`scenario-${CODE}`)).toContainText("every day at 05:30");

  // The audit log names who changed what, in the editor's words, filtered to scenarios.
  await page.goto("/settings/audit");
  await page.getByLabel("Area").selectOption({ label: "Scenarios" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/area=scenario/);
  const latest = page.getByTestId("audit-table").getByRole("row").nth(1);
  await expect(latest).toContainText("Ada Admin");
  await expect(latest).toContainText(`Run time: ${saved.runAt} → 05:30`);
  await expect(latest).toContainText("Level 2 · Days: 14 → 21");
  await expect(latest).toContainText("Level 2 · Excluded academic levels: (none) → Undergraduate");
  await page.reload();
  await expect(page.getByLabel("Area")).toHaveValue("scenario");
  expect(await axe(page)).toEqual([]);
  await testInfo.attach("audit-log", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
});

test("a read-only user sees a scenario but cannot change it", async ({ page }, testInfo) => {
  await signIn(page, READ_ONLY);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto("/scenarios");
  await page.getByTestId(`scenario-${CODE}`).getByRole("link").click();
  await expect(page.getByTestId("read-only-note")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByLabel("Level 2: days")).toBeDisabled();
  await expect(page.getByLabel("Run time")).toBeDisabled();
  // No link to set up a new scenario either.
  await page.goto("/scenarios");
  await expect(page.getByText("Not set up:")).toHaveCount(0);
  await testInfo.attach("scenario-read-only", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
});
