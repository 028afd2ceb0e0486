import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./db";

// No page should log errors (issue 18: the sign-in page asked for a /favicon.ico that did not exist). Every console
// error, uncaught page error and failed response (4xx/5xx) on the way is collected and must stay empty.
function watch(page: Page) {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

const PAGES = ["/", "/notices", "/templates", "/import", "/outbox", "/settings"];

test("the sign-in page and every dashboard page load without console errors or failed requests", async ({ page }, testInfo) => {
  const errors = watch(page);
  await page.goto("/sign-in", { waitUntil: "networkidle" });
  const shot = testInfo.outputPath("sign-in.png");
  await page.screenshot({ path: shot });
  await testInfo.attach("sign-in", { path: shot, contentType: "image/png" });
  expect(errors).toEqual([]);

  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  const templateHref = await (async () => {
    await page.goto("/templates", { waitUntil: "networkidle" });
    return page.locator('a[href^="/templates/"]').first().getAttribute("href");
  })();
  for (const path of [...PAGES, templateHref ?? "/templates"]) {
    await page.goto(path, { waitUntil: "networkidle" });
    expect(errors, `on ${path}`).toEqual([]);
  }
});
