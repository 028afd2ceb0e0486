import { render, toPlainText } from "@react-email/render";
import type { ReactElement } from "react";

// Render once to HTML and derive the text part from it: one render instead of two (STACK.md).
export async function renderEmail(element: ReactElement) {
  const html = await render(element);
  return { html, text: toPlainText(html) };
}
