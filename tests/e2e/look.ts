import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

// What every screen's browser test checks besides its flow: no axe violations (WCAG 2.1 A and AA), and a full-page
// screenshot attached to the report; with E2E_SHOTS_DIR set, also written there as <name>.png to look at.
export async function expectAccessible(page: Page, options: { skipFrames?: string[] } = {}) {
  let axe = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  // A sandboxed frame without scripts (an email as the patron saw it) is not the page: axe cannot run in it and waits.
  for (const frame of options.skipFrames ?? []) axe = axe.exclude(frame);
  const result = await axe.analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
}

export async function shot(page: Page, testInfo: TestInfo, name: string) {
  const dir = process.env.E2E_SHOTS_DIR;
  if (dir) mkdirSync(dir, { recursive: true });
  const body = await page.screenshot({ fullPage: true, path: dir ? `${dir}/${name}.png` : undefined });
  await testInfo.attach(name, { body, contentType: "image/png" });
}
