// From template text and facts to a finished notice: Liquid renders the staff's wording, React Email lays it out with
// the family's items in the library's frame, and the text part is derived from the HTML. Used by the send path, the
// editor's preview and test send, and the print form, so all four show the same thing.
import { createElement } from "react";
import { NoticeEmail, type NoticeFamily, type NoticeLetterProps } from "@/emails/notice-email";
import type { Brand } from "@/emails/components/frame";
import SupplierOrderEmail from "@/emails/supplier-order";
import { renderEmail } from "@/lib/mail/render-email";
import { labelsFor, letterGreeting } from "./labels";
import { renderText } from "./liquid";
import type { NoticeContext, OrderContext } from "./placeholders";
import type { TemplateText } from "./validate";

export type SectionSource = { family: NoticeFamily; text: TemplateText; showItemCost: boolean; context: NoticeContext };

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * A delivery's sections as one letter (ARCHITECTURE.md, Templates: "One letter"). Sections come highest priority
 * first: the letter's subject and its one closing are the first section's; the greeting is the layout's, once, in the
 * letter's language; with several sections each is headed by its own template's subject.
 */
export function renderLetter(sources: SectionSource[], language: string): { subject: string; letter: NoticeLetterProps } {
  const subjects = sources.map((s) => oneLine(renderText(s.text.subject, s.context)));
  const sections = sources.map((s, i) => ({
    family: s.family,
    heading: sources.length > 1 ? subjects[i] : null,
    body: renderText(s.text.body, s.context),
    showItemCost: s.showItemCost,
    context: s.context,
  }));
  const first = sources[0];
  return {
    subject: subjects[0] ?? "",
    letter: {
      greeting: first ? letterGreeting(labelsFor(language), first.context) : "",
      sections,
      closing: first ? renderText(first.text.closing, first.context) : "",
    },
  };
}

export async function renderNotice(input: { brand: Brand; language: string; sections: SectionSource[] }) {
  const { subject, letter } = renderLetter(input.sections, input.language);
  const { html, text } = await renderEmail(
    createElement(NoticeEmail, { brand: input.brand, lang: input.language, labels: labelsFor(input.language), preview: subject, letter }),
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
