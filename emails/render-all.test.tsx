import { readdirSync } from "node:fs";
import path from "node:path";
import { createElement, type ComponentType } from "react";
import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/mail/render-email";

// Every template renders from its PreviewProps to a complete HTML document with a non-empty text part.
// Nothing is mocked: a blank or broken template fails here, not in a patron's inbox.
const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith("-email.tsx"));

describe("email templates", () => {
  it("exist", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s renders from its PreviewProps", async (file) => {
    const mod = (await import(path.join(import.meta.dirname, file))) as {
      default: ComponentType<object>;
      PreviewProps: object;
    };
    expect(mod.PreviewProps).toBeTypeOf("object");
    const { html, text } = await renderEmail(createElement(mod.default, mod.PreviewProps));
    expect(html).toMatch(/^<!DOCTYPE html[\s\S]*<body[\s\S]*<\/body><\/html>$/);
    expect(text.trim().length).toBeGreaterThan(20);
    // Every string prop appears in the output: a template that drops its data would be blank where it matters.
    for (const value of Object.values(mod.PreviewProps)) {
      if (typeof value === "string") expect(text).toContain(value);
    }
  });
});
