// From template text and facts to a finished notice: Liquid renders the staff's wording, React Email lays it out with
// the family's items in the library's frame, and the text part is derived from the HTML. Used by the send path, the
// editor's preview and test send, and the print form, so all four show the same thing.
import { createElement } from "react";
import { NoticeEmail, type NoticeFamily, type NoticeSectionProps } from "@/emails/notice-email";
import type { Brand } from "@/emails/components/frame";
import SupplierOrderEmail from "@/emails/supplier-order";
import { renderEmail } from "@/lib/mail/render-email";
import { labelsFor } from "./labels";
import { renderText } from "./liquid";
import type { NoticeContext, OrderContext } from "./placeholders";
import type { TemplateText } from "./validate";

export type SectionSource = { family: NoticeFamily; text: TemplateText; showItemCost: boolean; context: NoticeContext };

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/** Renders each section's wording; the subject is the first section's (sections come highest level first). */
export function renderSections(sources: SectionSource[]): { subject: string; sections: NoticeSectionProps[] } {
  const sections = sources.map((s) => ({
    family: s.family,
    showItemCost: s.showItemCost,
    context: s.context,
    body: renderText(s.text.body, s.context),
    closing: renderText(s.text.closing, s.context),
  }));
  const subject = sources.length ? oneLine(renderText(sources[0].text.subject, sources[0].context)) : "";
  return { subject, sections };
}

export async function renderNotice(input: { brand: Brand; language: string; sections: SectionSource[] }) {
  const { subject, sections } = renderSections(input.sections);
  const { html, text } = await renderEmail(
    createElement(NoticeEmail, { brand: input.brand, lang: input.language, labels: labelsFor(input.language), preview: subject, sections }),
  );
  return { subject, html, text };
}

export async function renderSupplierOrder(input: { brand: Brand; language: string; text: TemplateText; context: OrderContext }) {
  const subject = oneLine(renderText(input.text.subject, input.context));
  const { html, text } = await renderEmail(
    createElement(SupplierOrderEmail, {
      brand: input.brand, lang: input.language, labels: labelsFor(input.language), context: input.context,
      body: renderText(input.text.body, input.context), closing: renderText(input.text.closing, input.context),
    }),
  );
  return { subject, html, text };
}
