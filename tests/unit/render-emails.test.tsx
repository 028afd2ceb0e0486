import { readdirSync } from "node:fs";
import path from "node:path";
import { createElement, type ComponentType } from "react";
import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/mail/render-email";

// Every template in emails/ renders from its PreviewProps to a complete HTML document with a non-empty text part.
// Nothing is mocked: a blank or broken layout fails here, not in a patron's inbox.
const dir = path.join(import.meta.dirname, "../../emails");
const files = readdirSync(dir).filter((f) => f.endsWith(".tsx"));

/** Every string in the props (deeply) that a reader should see: names, titles, dates, amounts, wording. */
function visibleStrings(value: unknown, key = ""): string[] {
  if (typeof value === "string") return ["lang", "color", "logoUrl", "family", "title"].includes(key) || value.length < 2 ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => visibleStrings(v, key));
  if (value && typeof value === "object") {
    // Layout-owned words (labels) are not all shown; of a section's facts, the items' names must be.
    return Object.entries(value).flatMap(([k, v]) => (k === "labels" ? [] : k === "context" ? itemNames(v) : visibleStrings(v, k)));
  }
  return [];
}

function itemNames(context: unknown): string[] {
  const c = context as { loans?: { title: string }[]; reservations?: { title: string }[]; charges?: { description: string }[]; order?: { lines: { title: string }[] } };
  return [
    ...(c.loans ?? []).map((l) => l.title), ...(c.reservations ?? []).map((r) => r.title),
    ...(c.charges ?? []).map((ch) => ch.description), ...(c.order?.lines ?? []).map((l) => l.title),
  ];
}

describe("email layouts", () => {
  it("exist: one per notice family, the supplier order, the print form and the test email", () => {
    expect(files.sort()).toEqual([
      "account-notice.tsx", "charge-notice.tsx", "loan-notice.tsx", "notice-email.tsx", "print-notices.tsx",
      "reservation-notice.tsx", "supplier-order.tsx", "test-email.tsx",
    ]);
  });

  it.each(files)("%s renders from its PreviewProps", async (file) => {
    const mod = (await import(path.join(dir, file))) as { default: ComponentType<object>; PreviewProps: object };
    expect(mod.PreviewProps).toBeTypeOf("object");
    expect((mod.default as unknown as { PreviewProps: object }).PreviewProps).toBe(mod.PreviewProps);
    const { html, text } = await renderEmail(createElement(mod.default, mod.PreviewProps));
    expect(html).toMatch(/^<!DOCTYPE html[\s\S]*<body[\s\S]*<\/body><\/html>$/);
    expect(text.trim().length).toBeGreaterThan(40);
    const normalise = (s: string) => s.replace(/\s+/g, " ");
    for (const value of visibleStrings(mod.PreviewProps)) {
      for (const line of value.split("\n")) expect(normalise(text).toLowerCase()).toContain(normalise(line).trim().toLowerCase());
    }
  });
});
