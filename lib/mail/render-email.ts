import { render, toPlainText } from "@react-email/render";
import type { ReactElement } from "react";

// Render once to HTML and derive the text part from it (STACK.md: one render is cheaper than two).
//
// Speed (issue #4: >= 300 notices/s with 20 items on one core): React Email's render() streams through Suspense and
// takes ~3.5 ms for that notice; our layouts never suspend, so renderToStaticMarkup gives the same markup in ~1.2 ms.
// Where react-dom/server has no renderToStaticMarkup (a React Server Components bundle), render() is used.
// Tables marked data-text-format="dataTable" become aligned text tables (and convert faster than cell per line).
// A letter's section headings (h2) keep their case in the text part, as the HTML shows them.
const DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

const TEXT_OPTIONS = { selectors: [{ selector: "h2", options: { uppercase: false } }] };

type StaticRenderer = (element: ReactElement) => string;
let staticRenderer: Promise<StaticRenderer | null> | undefined;

async function toHtml(element: ReactElement): Promise<string> {
  staticRenderer ??= import("react-dom/server").then(
    (m) => (typeof m.renderToStaticMarkup === "function" ? m.renderToStaticMarkup : null),
    () => null,
  );
  const renderStatic = await staticRenderer;
  if (!renderStatic) return render(element);
  // React adds preload hints for images; an email has nothing to preload (React Email strips them too).
  const markup = renderStatic(element).replace(/<link rel="preload" as="image"[^>]*>/g, "");
  return DOCTYPE + markup.replace(/^<!DOCTYPE[^>]*>/i, "");
}

export async function renderEmail(element: ReactElement) {
  const html = await toHtml(element);
  return { html, text: toPlainText(html, TEXT_OPTIONS) };
}
