// The print form of a run's printed notices (DOMAIN.md: print fallback and print override): one page per delivery,
// in postcode order, worded and laid out exactly as the email would be, with the address for a window envelope.
import { createElement } from "react";
import PrintNotices, { type PrintedNotice } from "@/emails/print-notices";
import { sqlPool } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { renderEmail } from "@/lib/mail/render-email";
import { renderLetter } from "@/lib/templates/compose";
import { formatDate, todayIn } from "@/lib/templates/format";
import { labelsFor } from "@/lib/templates/labels";
import { groupBy } from "@/lib/group-by";
import { loadPrintContent, type PrintRow } from "./claim-delivery";
import { buildSectionSources, letterRows } from "./compose-notice-email";
import { loadNoticeSetup, type NoticeSetup } from "./load-notice-setup";

export async function renderPrintRun(db: PrismaClient, runId: number): Promise<{ html: string; notices: number }> {
  const setup = await loadNoticeSetup(db);
  const rows = await loadPrintContent(sqlPool(db), runId);
  // As at send time: a notice whose reason has gone (returned, paid...) is not printed, nor a section left with nothing
  // of this run to say, nor a document left with nothing.
  const byDelivery = groupBy(rows.filter((r) => r.is_valid), (r) => r.delivery_id);
  const letters = [...byDelivery.values()].map((d) => letterRows(d, runId)).filter((d) => d.length > 0);
  const notices = letters.map((deliveryRows) => printedNotice(deliveryRows, setup));
  const { html } = await renderPrintForm(setup, `Printed notices, run ${runId}`, notices);
  return { html, notices: notices.length };
}

/** One delivery's printed page: the letter as the email words it, addressed for a window envelope. */
export function printedNotice(deliveryRows: PrintRow[], setup: NoticeSetup): PrintedNotice {
  const first = deliveryRows[0];
  const recipient = { name: first.contact_name, isPatron: first.contact_kind === "SELF" };
  const { language, sections } = buildSectionSources(deliveryRows, recipient, setup);
  const rendered = renderLetter(sections, language);
  return {
    recipient: recipient.isPatron ? first.patron_name : `${first.contact_name} (for ${first.patron_name})`,
    addressLines: [first.address_line1, first.address_line2, first.city, first.postcode].filter((l): l is string => !!l),
    date: formatDate(todayIn(setup.library.timeZone), language),
    subject: rendered.subject,
    lang: language,
    labels: labelsFor(language),
    letter: rendered.letter,
  };
}

export function renderPrintForm(setup: NoticeSetup, title: string, notices: PrintedNotice[]) {
  return renderEmail(createElement(PrintNotices, { brand: setup.brand, title, notices }));
}
