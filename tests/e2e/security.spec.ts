import { readdirSync, readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, queryE2e, signIn } from "./db";

// Issue 16, security: headers on every response, no CSP violation on any page, server actions refuse cross-origin
// posts, and sign-in is throttled with a message that names the wait.

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["permissions-policy"], where).toContain("camera=()");
}

test("every kind of response carries the security headers; pages get a CSP with a fresh nonce", async ({ page, request }) => {
  const nonces = new Set<string>();
  for (const path of ["/sign-in", "/sign-in"]) {
    const res = await request.get(path);
    expectSecurityHeaders(res.headers(), path);
    const csp = res.headers()["content-security-policy"];
    for (const d of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
      expect(csp, path).toContain(d);
    }
    expect(csp).not.toContain("'unsafe-inline' 'strict-dynamic'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    // Next put this request's nonce on its scripts.
    expect(await res.text()).toContain(`nonce="${nonce}"`);
    nonces.add(nonce!);
  }
  expect(nonces.size).toBe(2);

  const redirect = await request.get("/templates", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect.headers(), "redirect");
  expectSecurityHeaders((await request.get("/api/health")).headers(), "/api/health");
  expectSecurityHeaders((await request.get("/icon.svg")).headers(), "/icon.svg");

  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  const home = await page.request.get("/");
  expectSecurityHeaders(home.headers(), "/");
  expect(home.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => violations.push(`page error: ${e.message}`));
  return violations;
}

test("no page logs a Content-Security-Policy violation, the template preview (with an https logo) included", async ({ page }) => {
  const violations = watchCsp(page);
  await page.goto("/sign-in", { waitUntil: "networkidle" });
  expect(violations, "on /sign-in").toEqual([]);

  // The preview iframe inherits the page's policy: an https logo and the email's inline styles must be allowed.
  await queryE2e(`UPDATE "LibrarySettings" SET "logoUrl" = 'https://logo.library.example/logo.png'`);
  try {
    await signIn(page, ADMIN);
    await expect(page.getByTestId("staff-name")).toBeVisible();
    for (const path of ["/", "/notices", "/templates", "/import", "/outbox", "/settings"]) {
      await page.goto(path, { waitUntil: "networkidle" });
      expect(violations, `on ${path}`).toEqual([]);
    }
    await page.goto("/templates", { waitUntil: "networkidle" });
    await page.locator('a[href^="/templates/"]').first().click();
    await page.getByRole("button", { name: "Preview" }).click();
    const frame = page.frameLocator('[data-testid="preview-frame"]');
    await expect(frame.locator("img").first()).toHaveAttribute("src", "https://logo.library.example/logo.png");
    await page.waitForTimeout(1_000); // a violation is reported after the frame renders
    expect(violations, "on the template editor with its preview").toEqual([]);
  } finally {
    await queryE2e(`UPDATE "LibrarySettings" SET "logoUrl" = NULL`);
  }
});

/** The id Next gave a server action, from the build's manifest (the browser tests build into .next-e2e). */
function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(".next-e2e/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const id = Object.entries(manifest.node).find(([, a]) => a.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`no server action ${exportedName} in the manifest`);
  return id;
}

const mailCount = () => readdirSync("var/e2e-mail").length;

test("a server action posted from another origin is refused; the same post from this origin runs", async ({ page, baseURL }) => {
  await signIn(page, ADMIN);
  await expect(page.getByTestId("staff-name")).toBeVisible();
  const id = actionId("sendTestEmailAction");
  const post = (origin: string) =>
    page.request.post("/outbox", {
      headers: { "Next-Action": id, Origin: origin, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" },
      data: "[]",
      maxRedirects: 0,
    });

  const before = mailCount();
  const foreign = await post("https://evil.example");
  expect(foreign.status()).toBe(500);
  expect(await foreign.text()).not.toContain("Sent to");
  await page.waitForTimeout(500);
  expect(mailCount()).toBe(before);

  const same = await post(new URL(baseURL!).origin);
  expect(same.status()).toBe(200);
  expect(await same.text()).toContain(`Sent to ${ADMIN.email}.`);
  await expect.poll(mailCount).toBe(before + 1);
});

test("repeated wrong passwords are throttled with a message naming the wait, the same for an unknown email", async ({ page }, testInfo) => {
  const email = `nobody-${Date.now()}@library.example`;
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`guess-${i}`);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  }
  await page.getByLabel("Password").fill("guess-6");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("Too many attempts; try again in 15 minutes.");
  const shot = testInfo.outputPath("sign-in-throttled.png");
  await page.screenshot({ path: shot });
  await testInfo.attach("sign-in-throttled", { path: shot, contentType: "image/png" });
});
