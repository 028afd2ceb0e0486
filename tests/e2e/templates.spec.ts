import { expect, test, type Page } from "@playwright/test";
import { ADMIN, READ_ONLY, queryE2e, signIn } from "./db";

async function signedIn(page: Page, who: { email: string; password: string }) {
  await signIn(page, who);
  await expect(page.getByTestId("staff-name")).toBeVisible();
}

const versionsOf = async (name: string) =>
  Number((await queryE2e<{ n: string }>(`SELECT count(*) AS n FROM "TemplateVersion" v JOIN "Template" t ON t.id = v."templateId"
    WHERE t.name = '${name}' AND v.language = 'en'`))[0].n);

test("staff edit a template: a bad placeholder is refused, the preview shows it, a test arrives, the save is a new version", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signedIn(page, ADMIN);
  await page.getByRole("link", { name: "Templates" }).click();
  const row = page.getByTestId("templates-table").getByRole("row", { name: /Your loans are overdue/ });
  await expect(row).toContainText("Loans overdue"); // used by
  await row.getByRole("link", { name: "Your loans are overdue" }).click();
  await expect(page.getByRole("heading", { name: "Your loans are overdue" })).toBeVisible();
  const before = await versionsOf("Your loans are overdue");

  // An unknown placeholder on line 3 is refused with its line and name, and nothing is stored.
  const body = page.getByLabel("Message (above the list of items)");
  await body.fill("Dear {{ contact.name }},\n\n{{ patron.frist_name }}, please return these.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("error-body")).toHaveText('line 3: unknown placeholder "patron.frist_name"');
  expect(await versionsOf("Your loans are overdue")).toBe(before);

  // Fixed, previewed with the sample: staff text and data show as text (no markup, no script).
  const subject = `E2E overdue ${Date.now()}`;
  await page.getByLabel("Subject").fill(`${subject} for {{ patron.first_name }}`);
  await body.fill("Dear {{ contact.name }},\n\n{{ patron.first_name }}, please return these. <b>not bold</b> <img src=x onerror=alert(1)>");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-subject")).toHaveText(`Subject: ${subject} for Olivia`);
  const frame = page.frameLocator('[data-testid="preview-frame"]');
  await expect(frame.getByText("Olivia, please return these. <b>not bold</b> <img src=x onerror=alert(1)>")).toBeVisible();
  await expect(frame.getByText("The Silent Garden")).toBeVisible();
  await page.getByRole("tab", { name: "Plain text" }).click();
  await expect(page.getByTestId("preview-text")).toContainText("TITLE"); // the items as a text table
  await expect(page.getByTestId("preview-text")).toContainText("The Silent Garden");
  await page.getByRole("tab", { name: "Email" }).click();

  // With a real patron: their own overdue loan is listed.
  const [patron] = await queryE2e<{ card: string; title: string }>(`SELECT p."cardNumber" AS card, i.title FROM "Loan" l
    JOIN "Patron" p ON p.id = l."patronId" JOIN "Item" i ON i.id = l."itemId"
    WHERE l.status = 'ON_LOAN' AND l."dueDate" < CURRENT_DATE ORDER BY l.id LIMIT 1`);
  await page.getByLabel("Preview with a patron (card number, optional)").fill(patron.card);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(frame.getByText(patron.title).first()).toBeVisible();
  await page.getByLabel("Preview with a patron (card number, optional)").fill("");

  // "Send me a test" reaches the SMTP server: the Outbox lists it.
  await page.getByRole("button", { name: "Send me a test" }).click();
  await expect(page.getByTestId("editor-status")).toHaveText(`Test sent to ${ADMIN.email}.`);
  await page.goto("/outbox");
  await expect(page.getByTestId("outbox-list")).toContainText(`[Test] ${subject} for Olivia`);
  await page.goBack();

  // Saved: a new version, shown in the history.
  await page.getByLabel("Subject").fill(`${subject} for {{ patron.first_name }}`);
  await body.fill("Dear {{ contact.name }},\n\nPlease return these.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("editor-status")).toHaveText(`Saved as version ${before + 1} (en).`);
  expect(await versionsOf("Your loans are overdue")).toBe(before + 1);
  await page.reload();
  await page.getByText("Version history (en)").click();
  await expect(page.getByTestId("version-history")).toContainText(`v${before + 1}`);
  await expect(page.getByTestId("version-history")).toContainText(ADMIN.email);
  expect(dialogs).toEqual([]);
});

test("a read-only account can read and preview templates but not save them", async ({ page }) => {
  await signedIn(page, READ_ONLY);
  await page.getByRole("link", { name: "Templates" }).click();
  await page.getByRole("link", { name: "Your reservation is ready" }).click();
  await expect(page.getByLabel("Subject")).toHaveValue("Your reservation is ready");
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-subject")).toHaveText("Subject: Your reservation is ready");
});
