import { expect, test } from "@playwright/test";
import { ADMIN, queryE2e, signIn } from "./db";

const header = "card_number,first_name,last_name,email,home_branch,category,registered_on,expires_on";

test("staff import a CSV of patrons: the bad rows are named and nothing is written, the fixed file imports", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Import" }).click();

  const stamp = Date.now();
  const cards = [1, 2, 3, 4].map((i) => `E2E${stamp}${i}`);
  const rows = [
    `${cards[0]},Ada,Lovelace,ada.${stamp}@example.net,CEN,ADULT,2025-01-01,2028-01-01`,
    `${cards[1]},Bad,Email,not-an-email,CEN,ADULT,2025-01-01,2028-01-01`,
    `${cards[2]},Unknown,Branch,,NOWHERE,ADULT,2025-01-01,2028-01-01`,
    `${cards[3]},Grace,Hopper,,NTH,CHILD,2025-03-01,2028-03-01`,
  ];
  await page.getByLabel("CSV file (first line: column names)").setInputFiles({
    name: "patrons.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...rows].join("\n")),
  });
  await expect(page.getByTestId("import-preview")).toContainText("Lovelace");
  // Columns were matched to fields by name.
  await expect(page.getByLabel("Card number *")).toHaveValue("card_number");
  await expect(page.getByLabel("Home branch code *")).toHaveValue("home_branch");

  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("2 problems in 2 of the 4 rows; nothing was written.");
  const problems = page.getByTestId("import-problems");
  await expect(problems.getByRole("row", { name: /email/ })).toContainText("an email address");
  await expect(problems.getByRole("row", { name: /email/ })).toContainText("3"); // line 3 of the file
  await expect(problems.getByRole("row", { name: /homeBranch/ })).toContainText('unknown branch "NOWHERE"');
  const written = await queryE2e<{ n: string }>(`SELECT count(*) AS n FROM "Patron" WHERE "cardNumber" LIKE 'E2E${stamp}%'`);
  expect(Number(written[0].n)).toBe(0);

  // The corrected file: checked, then imported.
  await page.getByLabel("CSV file (first line: column names)").setInputFiles({
    name: "patrons-fixed.csv", mimeType: "text/csv", buffer: Buffer.from([header, rows[0], rows[3]].join("\n")),
  });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("All 2 rows are valid: 2 would be new, 0 updated. Nothing written yet.");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("Imported 2 rows: 2 new, 0 updated");
  const imported = await queryE2e<{ card: string; branch: string }>(`SELECT p."cardNumber" AS card, b.code AS branch FROM "Patron" p
    JOIN "Branch" b ON b.id = p."homeBranchId" WHERE p."cardNumber" LIKE 'E2E${stamp}%' ORDER BY 1`);
  expect(imported).toEqual([{ card: cards[0], branch: "CEN" }, { card: cards[3], branch: "NTH" }]);
});

test("a file with a wrong header: the header's problem and every bad row are listed, with row, line and field", async ({ page }, testInfo) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Import" }).click();
  const stamp = Date.now();
  // "registred_on" matches no field; both rows also have a bad value.
  const wrongHeader = header.replace("registered_on", "registred_on");
  const rows = [
    `E2E${stamp}1,Bad,Email,not-an-email,CEN,ADULT,2025-01-01,2028-01-01`,
    `E2E${stamp}2,Bad,Expiry,,CEN,ADULT,2025-01-01,31/12/2028`,
  ];
  await page.getByLabel("CSV file (first line: column names)").setInputFiles({
    name: "patrons.csv", mimeType: "text/csv", buffer: Buffer.from([wrongHeader, ...rows].join("\n")),
  });
  await expect(page.getByLabel("Registered on *")).toHaveValue("");
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("3 problems: 1 on the header line, 2 in 2 of the 2 rows; nothing was written.");
  const problems = page.getByTestId("import-problems").locator("tbody tr");
  await expect(problems).toHaveCount(3);
  const cells = await problems.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
  expect(cells).toEqual([
    ["header", "1", "registeredOn", 'no column is mapped to "Registered on"'],
    ["1", "2", "email", "an email address"],
    ["2", "3", "expiresOn", "a date as YYYY-MM-DD"],
  ]);
  const shot = testInfo.outputPath("import-report.png");
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach("import-report", { path: shot, contentType: "image/png" });
});
