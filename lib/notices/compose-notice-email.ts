import { createElement } from "react";
import MailComposer from "nodemailer/lib/mail-composer";
import { NoticeEmail, type NoticeRow, type NoticeSection } from "@/emails/notice-email";
import { renderEmail } from "@/lib/mail/render-email";
import { KINDS } from "./kinds";
import type { ContentRow } from "./claim-delivery";

export type LevelText = { scenarioId: number; level: number; subject: string; intro: string; showItemCost: boolean };
export type Library = { name: string; address: string | null; senderName: string | null; senderAddress: string; currency: string };

function toRow(row: ContentRow, showItemCost: boolean, money: (v: string | null) => string): NoticeRow {
  switch (KINDS[row.kind].subject) {
    case "loan":
      return {
        type: "loan", title: row.title ?? "", author: row.author, barcode: row.barcode ?? "", dueDate: row.due_date ?? "",
        daysOverdue: ["O", "OE", "OF"].includes(row.kind) && row.metric ? Number(row.metric) : null,
        cost: showItemCost && row.replacement_cost ? money(row.replacement_cost) : null,
      };
    case "reservation":
      return { type: "reservation", title: row.title ?? "", pickupBranch: row.pickup_branch ?? "", pickupBy: row.pickup_by };
    case "charge":
      return { type: "charge", description: row.charge_description ?? "", amount: money(row.charge_amount), balance: money(row.charge_balance) };
    case "patron":
      return { type: "account", text: row.kind === "BX" && row.expires_on ? `Membership expiry date: ${row.expires_on}` : KINDS[row.kind].label };
  }
}

/** The delivery's sections: one per scenario, headed by the highest level among its notices. */
export function buildSections(rows: ContentRow[], levels: LevelText[], currency: string): NoticeSection[] {
  const money = (v: string | null) => new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(Number(v ?? 0));
  const byScenario = new Map<number, ContentRow[]>();
  for (const row of rows) byScenario.set(row.scenario_id, [...(byScenario.get(row.scenario_id) ?? []), row]);
  const sections = [...byScenario.entries()].map(([scenarioId, scenarioRows]) => {
    const top = Math.max(...scenarioRows.map((r) => r.level));
    const text = levels.find((l) => l.scenarioId === scenarioId && l.level === top);
    return {
      level: top,
      section: {
        heading: text?.subject ?? KINDS[scenarioRows[0].kind].label,
        intro: text?.intro ?? "",
        rows: scenarioRows.map((r) => toRow(r, text?.showItemCost ?? false, money)),
      },
    };
  });
  return sections.sort((a, b) => b.level - a.level).map((s) => s.section);
}

export type ComposeInput = {
  deliveryId: number;
  to: string;
  recipientName: string;
  aboutPatron: string | null;
  sections: NoticeSection[];
  library: Library;
  fallbackFrom: string;
};

/** Renders the notice and builds the MIME message. The Message-ID is fixed per delivery, so any copy is recognisable. */
export async function composeNoticeEmail(input: ComposeInput) {
  const { library } = input;
  const { html, text } = await renderEmail(
    createElement(NoticeEmail, {
      libraryName: library.name,
      footer: [library.name, library.address].filter(Boolean).join(" · "),
      recipientName: input.recipientName,
      aboutPatron: input.aboutPatron,
      sections: input.sections,
    }),
  );
  const subject = input.sections.length === 1 ? input.sections[0].heading : `${input.sections[0].heading} and more`;
  const domain = library.senderAddress.split("@")[1] ?? "noticeboard.local";
  const messageId = `<delivery-${input.deliveryId}@${domain}>`;
  const from = library.senderAddress ? { name: library.senderName ?? library.name, address: library.senderAddress } : input.fallbackFrom;
  const raw = await new MailComposer({
    from, to: input.to, subject, html, text, messageId,
    headers: { "X-Noticeboard-Delivery": String(input.deliveryId) },
  }).compile().build();
  return { raw, subject, messageId, envelopeFrom: library.senderAddress };
}
