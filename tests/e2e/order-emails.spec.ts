import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { queryE2e, signIn } from "./db";
import { expectAccessible, shot } from "./look";
import { startE2eWorker, type E2eWorker } from "./worker";

// Emailing an order and claiming it, as acquisitions staff, with a worker sending to the e2e mail catcher: a supplier
// with an order contact and a claims contact, an order of two lines emailed from its preview (a missing recipient
// refused beside the field first), the order sent; one line received in full, claims run for the day the claim is
// due, claim 1 to the claims contact. Circulation staff read the emails but have no button, and no email page.
const ACQUISITIONS = { email: "acquisitions@library.example", password: "noticeboard-demo" };
const CIRCULATION = { email: "circulation@library.example", password: "noticeboard-demo" };
const MAIL_DIR = path.resolve(import.meta.dirname, "../../var/e2e-mail");
const CLAIM_DAYS = 14;

/** The .eml files the e2e mail catcher stored for an address. */
const mailTo = (address: string) => readdirSync(MAIL_DIR).map((f) => readFileSync(path.join(MAIL_DIR, f), "utf8"))
  .filter((m) => new RegExp(`^To: .*${address.replace(/[.]/g, "\\.")}`, "im").test(m));

/** Reloads the order page until the email row shows `status` (the worker sends within seconds; the page does not poll). */
async function waitForEmailStatus(page: Page, what: string, status: string, worker: E2eWorker) {
  const row = page.getByTestId("order-emails").getByRole("row").filter({ has: page.getByRole("cell", { name: what, exact: true }) });
  await expect.poll(async () => {
    await page.reload();
    return (await row.count()) ? row.getByRole("cell").nth(2).innerText() : "";
  }, { timeout: 60_000, intervals: [500, 1000, 2000], message: `the ${what} email's status; worker said: ${worker.output()}` }).toBe(status);
  return row;
}

let worker: E2eWorker | undefined;
test.afterAll(async () => {
  await worker?.stop();
});

test("acquisitions staff email an order from its preview, receive part of it, and run the claims that claim the rest", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const stamp = `OE${Date.now().toString(36).toUpperCase()}`;
  const name = `Mail Books ${stamp}`;
  const ordersAddress = `orders.${stamp.toLowerCase()}@supplier.example`;
  const claimsAddress = `claims.${stamp.toLowerCase()}@supplier.example`;
  worker = await startE2eWorker({ MAIL_FROM: "Riverside Public Library <notices@library.example>" });
  await signIn(page, ACQUISITIONS);
  // The worker starting beside the first sign-in can slow it on a busy machine.
  await expect(page.getByTestId("staff-name")).toBeVisible({ timeout: 20_000 });

  // The supplier: one contact for orders, one for claims.
  await page.goto("/orders/suppliers/new");
  await page.getByLabel("Name", { exact: true }).first().fill(name);
  await page.getByLabel("Code").fill(stamp);
  await page.getByLabel("Currency").fill("EUR");
  await page.getByLabel("Claim after (days)").fill(String(CLAIM_DAYS));
  const c0 = page.getByTestId("contact-0");
  await c0.getByLabel("Name").fill("Olive Orders");
  await c0.getByLabel("Role").fill("Sales");
  await c0.getByLabel("Email").fill(ordersAddress);
  await c0.getByLabel("Receives orders").check();
  await c0.getByLabel("Receives claims").uncheck();
  await page.getByRole("button", { name: "Add a contact" }).click();
  const c1 = page.getByTestId("contact-1");
  await c1.getByLabel("Name").fill("Clara Claims");
  await c1.getByLabel("Role").fill("Customer service");
  await c1.getByLabel("Email").fill(claimsAddress);
  await c1.getByLabel("Receives orders").uncheck();
  await c1.getByLabel("Receives claims").check();
  await page.getByRole("button", { name: "Add supplier" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

  // The order, two lines.
  await page.goto("/orders/new");
  await page.getByLabel("Supplier", { exact: true }).selectOption({ label: `${name} (EUR)` });
  const l0 = page.getByTestId("line-0");
  await l0.getByLabel("Title").fill(`Persuasion ${stamp}`);
  await l0.getByLabel("Author").fill("Jane Austen");
  await l0.getByLabel("Quantity").fill("2");
  await l0.getByLabel("Unit price").fill("8.99");
  await page.getByRole("button", { name: "Add a line" }).click();
  const l1 = page.getByTestId("line-1");
  await l1.getByLabel("Title").fill(`Villette ${stamp}`);
  await l1.getByLabel("Quantity").fill("3");
  await l1.getByLabel("Unit price").fill("11.50");
  await page.getByRole("button", { name: "Create draft order" }).click();
  await expect(page.getByRole("heading", { name: /^Order PO-\d{4}-\d{5}$/ })).toBeVisible();
  const [order] = await queryE2e<{ id: number; number: string }>(
    `SELECT o.id, o.number FROM "PurchaseOrder" o JOIN "Supplier" s ON s.id = o."supplierId" WHERE s.code = '${stamp}'`);
  await expect(page.getByTestId("order-emails-empty")).toBeVisible();
  const mailGroup = page.getByRole("group", { name: "Email the supplier" });
  await expect(mailGroup.getByRole("link")).toHaveText(["Email order"]);

  // The email page: the order contact ticked, the claims contact not; the email as it will go.
  await mailGroup.getByRole("link", { name: "Email order" }).click();
  await expect(page.getByRole("heading", { name: `Email order ${order.number}`, level: 1 })).toBeVisible();
  const olive = page.getByRole("checkbox", { name: /Olive Orders, Sales/ });
  const clara = page.getByRole("checkbox", { name: /Clara Claims, Customer service/ });
  await expect(olive).toBeChecked();
  await expect(clara).not.toBeChecked();
  await expect(page.getByText(`<${claimsAddress}>`)).toBeVisible();
  await expect(page.getByTestId("preview-subject")).toContainText(`Order ${order.number}`);
  await expect(page.getByTestId("preview-to")).toHaveText(ordersAddress);
  await expect(page.getByTestId("preview-attachment")).toHaveText(`${order.number}.csv`);
  await expect(page.frameLocator("[data-testid=preview-html]").getByText(`Villette ${stamp}`)).toBeVisible();
  await page.getByText("Show the attached file's text").click();
  await expect(page.getByTestId("preview-csv")).toContainText(`${order.number},1,Persuasion ${stamp},Jane Austen,,2,8.99,17.98,EUR`);

  // Nobody ticked: refused beside the recipients, nothing recorded; a mistyped other address beside its field.
  await olive.uncheck();
  await page.getByRole("button", { name: "Send order" }).click();
  await expect(page.locator("#recipients-error")).toHaveText("choose at least one recipient");
  await page.getByLabel("Other addresses").fill("orders-at-supplier");
  await page.getByRole("button", { name: "Send order" }).click();
  await expect(page.locator("#other-addresses-error")).toHaveText("not an email address: orders-at-supplier");
  await expect(page.getByLabel("Other addresses")).toHaveAttribute("aria-invalid", "true");
  expect(await queryE2e(`SELECT id FROM "OrderEmail" WHERE "orderId" = ${order.id}`)).toEqual([]);
  expect((await queryE2e<{ status: string }>(`SELECT status::text FROM "PurchaseOrder" WHERE id = ${order.id}`))[0].status).toBe("DRAFT");
  await page.getByLabel("Other addresses").fill("");
  await olive.check();
  await expectAccessible(page, { skipFrames: ["[data-testid=preview-html]"] });
  await shot(page, testInfo, "order-email-page");

  await page.getByRole("button", { name: "Send order" }).dblclick();
  await expect(page).toHaveURL(new RegExp(`/orders/${order.id}\\?emailed=\\d+$`));
  await expect(page.getByTestId("order-email-requested")).toHaveText(`Order ${order.number} is on its way to ${ordersAddress}. How it went shows under “Emails to the supplier” (reload the page to see it).`);
  await expect(page.getByTestId("order-summary")).toContainText("Sent");
  const orderRow = await waitForEmailStatus(page, "Order", "Sent", worker);
  await expect(orderRow).toContainText(ordersAddress);
  await expect(page.getByTestId("order-email-requested")).toHaveText(`Order ${order.number} was sent to ${ordersAddress}: the supplier's mail server accepted it.`);
  await expect(orderRow).toContainText(/250/);
  const [staffRow] = await queryE2e<{ name: string }>(`SELECT name FROM "StaffUser" WHERE email = '${ACQUISITIONS.email}'`);
  await expect(orderRow).toContainText(staffRow.name);
  const emails = await queryE2e<{ kind: string; status: string; recipients: string[]; sent: boolean }>(
    `SELECT kind::text, status::text, recipients, "sentAt" IS NOT NULL AS sent FROM "OrderEmail" WHERE "orderId" = ${order.id}`);
  expect(emails).toEqual([{ kind: "ORDER", status: "SENT", recipients: [ordersAddress], sent: true }]);
  await expect(page.getByTestId("order-summary")).toContainText(" · sent ");
  const mails = mailTo(ordersAddress);
  expect(mails).toHaveLength(1);
  expect(mails[0]).toContain(`filename=${order.number}.csv`);
  await expect(page.getByRole("group", { name: "Email the supplier" }).getByRole("link")).toHaveText(["Claim now", "Send the order again"]);

  // One line received in full; the other still to come.
  await page.getByLabel(/1\. Persuasion/).fill("2");
  await page.getByRole("button", { name: "Record received copies" }).click();
  await expect(page.getByTestId("order-summary")).toContainText("Partly received");
  await expectAccessible(page);
  await shot(page, testInfo, "order-emailed");

  // Claims for the day the first claim is due: the order's sent date (the library's calendar) + the claim period.
  const [{ due }] = await queryE2e<{ due: string }>(
    `SELECT ((o."sentAt" AT TIME ZONE l."timeZone")::date + ${CLAIM_DAYS})::text AS due FROM "PurchaseOrder" o, "LibrarySettings" l WHERE o.id = ${order.id} AND l.id = 1`);
  await page.goto("/orders");
  await page.getByRole("link", { name: "Claims", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Claims", level: 1 })).toBeVisible();
  // The settings save (and are put back: the specs after this one share the database).
  await page.getByLabel("Claims per order, at most").selectOption("2");
  await page.getByRole("button", { name: "Save claim settings" }).click();
  await expect(page.getByTestId("claim-settings-status")).toHaveText("Claim settings saved.");
  await expect.poll(async () => (await queryE2e<{ max: number }>(`SELECT "maxClaimLevel" AS max FROM "AcquisitionsSettings" WHERE id = 1`))[0].max).toBe(2);
  await page.getByLabel("Claims per order, at most").selectOption("3");
  await page.getByRole("button", { name: "Save claim settings" }).click();
  await expect(page.getByTestId("claim-settings-status")).toHaveText("Claim settings saved.");
  await expect.poll(async () => (await queryE2e<{ max: number }>(`SELECT "maxClaimLevel" AS max FROM "AcquisitionsSettings" WHERE id = 1`))[0].max).toBe(3);
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await page.getByLabel("Date", { exact: true }).fill(due);
  await page.getByRole("button", { name: "Run claims" }).click();
  await expect(page.getByTestId("run-claims-status")).toHaveText(new RegExp(`^\\d+ claims? on ${due}: on their way\\.$`));
  const claimRow = page.getByTestId("claims-table").getByRole("row").filter({ hasText: order.number });
  await expect(claimRow).toContainText("Claim 1");
  await expect(claimRow).toContainText(name);
  await expect(claimRow).toContainText(claimsAddress);
  await expectAccessible(page);
  await shot(page, testInfo, "claims-page");

  await claimRow.getByRole("link", { name: order.number }).click();
  await expect(page.getByRole("heading", { name: `Order ${order.number}`, level: 1 })).toBeVisible();
  const claim = await waitForEmailStatus(page, "Claim 1", "Sent", worker);
  await expect(claim).toContainText(claimsAddress);
  const [claimDb] = await queryE2e<{ recipients: string[]; level: number; on: string; status: string }>(
    `SELECT recipients, "claimLevel" AS level, "claimDate"::text AS on, status::text FROM "OrderEmail" WHERE "orderId" = ${order.id} AND kind = 'CLAIM'`);
  expect(claimDb).toEqual({ recipients: [claimsAddress], level: 1, on: due, status: "SENT" });
  const claimMails = mailTo(claimsAddress);
  expect(claimMails).toHaveLength(1);
  expect(claimMails[0]).toContain(`filename=${order.number}-claim-1.csv`);
  // Newest first: the claim above the order.
  await expect(page.getByTestId("order-emails").getByRole("row").nth(1)).toContainText("Claim 1");
  await expect(page.getByRole("group", { name: "Email the supplier" }).getByRole("link")).toHaveText(["Claim now (claim 2)", "Send the order again", "Send claim 1 again"]);

  // The claim again: the reason is required (beside its field, nothing recorded), then it goes as a new email.
  await page.getByRole("link", { name: "Send claim 1 again" }).click();
  await expect(page.getByRole("heading", { name: `Send claim 1 for order ${order.number} again`, level: 1 })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /Clara Claims/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /Olive Orders/ })).not.toBeChecked();
  await expect(page.getByTestId("preview-attachment")).toHaveText(`${order.number}-claim-1.csv`);
  await page.getByRole("button", { name: "Send claim" }).click();
  await expect(page.locator("#resend-reason-error")).toHaveText("say why it is sent again (kept with the order's history)");
  await expect(page.getByLabel("Reason (required)")).toHaveAttribute("aria-invalid", "true");
  expect((await queryE2e<{ n: number }>(`SELECT count(*)::int AS n FROM "OrderEmail" WHERE "orderId" = ${order.id}`))[0].n).toBe(2);
  await page.getByLabel("Reason (required)").fill("Clara asked for it again");
  await expectAccessible(page, { skipFrames: ["[data-testid=preview-html]"] });
  await page.getByRole("button", { name: "Send claim" }).click();
  await expect(page.getByTestId("order-email-requested")).toContainText(`Claim 1 for order ${order.number} (sent again)`);
  await waitForEmailStatus(page, "Claim 1, sent again: Clara asked for it again", "Sent", worker);
  await expect(page.getByTestId("order-emails").getByRole("row").nth(1)).toContainText("Claim 1, sent again: Clara asked for it again");
  await expectAccessible(page);
  await shot(page, testInfo, "order-claimed");
});

test("circulation staff see an order's emails but no button to send, and no email page", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const stamp = `OR${Date.now().toString(36).toUpperCase()}`;
  const [supplier] = await queryE2e<{ id: number }>(`INSERT INTO "Supplier" (code, name) VALUES ('${stamp}', 'Read Mail ${stamp}') RETURNING id`);
  const [order] = await queryE2e<{ id: number }>(`INSERT INTO "PurchaseOrder" (number, "supplierId", status, "sentAt") VALUES ('PO-${stamp}', ${supplier.id}, 'SENT', now()) RETURNING id`);
  await queryE2e(`INSERT INTO "PurchaseOrderLine" ("orderId", "lineNo", title, quantity, "unitPrice") VALUES (${order.id}, 1, 'Shirley', 2, 7.50)`);
  await queryE2e(`INSERT INTO "OrderEmail" ("orderId", kind, recipients, status, "smtpCode", reply, "sentAt", "requestedBy")
    VALUES (${order.id}, 'ORDER', ARRAY['sales.${stamp.toLowerCase()}@supplier.example'], 'SENT', 250, '250 2.0.0 Ok: queued', now(), '${ACQUISITIONS.email}')`);
  await signIn(page, CIRCULATION);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto(`/orders/${order.id}`);
  const row = page.getByTestId("order-emails").getByRole("row").filter({ hasText: `sales.${stamp.toLowerCase()}@supplier.example` });
  await expect(row).toContainText("Order");
  await expect(row).toContainText("Sent");
  await expect(row).toContainText("250 2.0.0 Ok: queued");
  await expect(page.getByRole("group", { name: "Email the supplier" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Email order|Claim now|again/ })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, testInfo, "order-emails-circulation");
  for (const query of ["what=claim", "what=order&again=1"]) {
    const response = await page.goto(`/orders/${order.id}/email?${query}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("button", { name: /Send/ })).toHaveCount(0);
  }
  // An order whose email the supplier's server refused: said at the top, with what to do.
  const [failed] = await queryE2e<{ id: number }>(`INSERT INTO "PurchaseOrder" (number, "supplierId", status) VALUES ('PO-${stamp}F', ${supplier.id}, 'SENT') RETURNING id`);
  await queryE2e(`INSERT INTO "PurchaseOrderLine" ("orderId", "lineNo", title, quantity, "unitPrice") VALUES (${failed.id}, 1, 'Agnes Grey', 1, 6.00)`);
  await queryE2e(`INSERT INTO "OrderEmail" ("orderId", kind, recipients, status, "smtpCode", reply, "requestedBy")
    VALUES (${failed.id}, 'ORDER', ARRAY['gone.${stamp.toLowerCase()}@supplier.example'], 'FAILED', 550, '550 5.1.1 <gone.${stamp.toLowerCase()}@supplier.example>: no such mailbox', '${ACQUISITIONS.email}')`);
  await page.goto(`/orders/${failed.id}`);
  const alert = page.getByTestId("order-email-failed");
  await expect(alert).toContainText("The supplier has not received this order");
  await expect(alert).toContainText("550 5.1.1");
  await expect(alert).toContainText("tell acquisitions staff");
  await expect(page.getByTestId("order-emails")).toContainText("Failed");
  await expectAccessible(page);
  await shot(page, testInfo, "order-email-failed-circulation");

  // The claims page reads, without the forms that change anything.
  await page.goto("/orders/claims");
  await expect(page.getByRole("heading", { name: "Claims", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: /Save claim settings|Run claims/ })).toHaveCount(0);
  await expect(page.getByLabel("Send claims every day")).toBeDisabled();
  await expectAccessible(page);
});
