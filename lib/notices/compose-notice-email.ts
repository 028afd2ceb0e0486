// A delivery's notices as an email: one letter of sections per scenario (highest priority first), each worded by its
// level's template in the patron's language, laid out by the family's React Email layout, built into a MIME message.
import MailComposer from "nodemailer/lib/mail-composer";
import { mailFrom } from "@/lib/mail/mail-from";
import type { NoticeFamily } from "@/emails/notice-email";
import { renderNotice, type SectionSource } from "@/lib/templates/compose";
import { formatDate, formatMoney, formattingLocale, todayIn } from "@/lib/templates/format";
import { chooseLanguage } from "@/lib/templates/labels";
import { familyOfKind, type NoticeContext } from "@/lib/templates/placeholders";
import type { ContentRow } from "./claim-delivery";
import { groupBy } from "@/lib/group-by";
import { KINDS } from "./kinds";
import { daysOverdue } from "./rules/day-count";
import { LEVELLED_KINDS } from "./rules/evaluate";
import { ConfigurationGoneError, libraryFactsIn, type NoticeSetup } from "./load-notice-setup";

export type Recipient = { name: string; isPatron: boolean };

const OVERDUE_KINDS = new Set(["O", "OE", "OF", "LF", "LL", "LLO", "LR"]);
const METRIC_IS_DAYS_OVERDUE = new Set(["O", "OE", "OF"]); // rules/evaluate.ts metricFor

/** The Liquid context of one section: the patron's facts and this scenario's loans, reservations or charges. */
export function noticeContext(rows: ContentRow[], recipient: Recipient, setup: NoticeSetup, language: string, level: number): NoticeContext {
  const first = rows[0];
  // Dates and amounts in the patron's language, with the library's regional habits when it is the library's language
  // ("en" at an "en-GB" library writes 1 Mar 2026, not Mar 1, 2026).
  const locale = formattingLocale(language, setup.library.defaultLanguage);
  const money = (v: string | null) => formatMoney(v, locale, setup.library.currency);
  const date = (v: string | null) => formatDate(v, locale);
  const today = first.run_date ?? todayIn(setup.library.timeZone);
  // Days overdue as DOMAIN.md counts them (R - due - 1: due 1 Feb is "1 day overdue" on the 3 Feb run), so a letter
  // sent at the 7-day level says 7. Overdue kinds carry it as their metric (open days only, where the library counts
  // so); the others count it here.
  const daysOverdueOf = (r: ContentRow) =>
    METRIC_IS_DAYS_OVERDUE.has(r.kind) && r.metric !== null ? Number(r.metric)
      : r.due_date ? Math.max(0, daysOverdue(today, r.due_date)) : 0;
  const family = familyOfKind(first.kind);
  const charges = family === "CHARGE" ? rows : [];
  return {
    patron: { first_name: first.first_name, last_name: first.last_name, name: first.patron_name, card_number: first.card_number, email: first.patron_email ?? "" },
    contact: { name: recipient.name, is_patron: recipient.isPatron },
    library: libraryFactsIn(setup, language),
    branch: { name: first.branch_name, address: first.branch_address ?? "", phone: first.branch_phone ?? "", email: first.branch_email ?? "" },
    notice: { title: KINDS[first.kind].label, level, date: date(today) },
    loans: family !== "LOAN" ? [] : rows.map((r) => ({
      title: r.title ?? "", author: r.author ?? "", barcode: r.barcode ?? "", due_date: date(r.due_date),
      days_overdue: OVERDUE_KINDS.has(r.kind) ? daysOverdueOf(r) : 0, fine: money(r.fine), replacement_cost: money(r.replacement_cost),
    })),
    reservations: family !== "RESERVATION" ? [] : rows.map((r) => ({
      title: r.title ?? "", author: r.author ?? "", pickup_branch: r.pickup_branch ?? "", pickup_by: date(r.pickup_by),
    })),
    charges: charges.map((r) => ({
      description: r.charge_description ?? "", date: date(r.charge_date), amount: money(r.charge_amount), balance: money(r.charge_balance),
    })),
    total_due: money(String(charges.reduce((sum, r) => sum + Number(r.charge_balance ?? 0), 0))),
    account: { expires_on: date(first.expires_on), registered_on: date(first.registered_on), status: first.patron_status.toLowerCase() },
  };
}

/**
 * The rows a letter is written from: each scenario's section only while it still has something of this run to say.
 * An escalation section whose triggering notices went stale (the loan was returned before sending) keeps only loans
 * listed below the first level (level id 0) or notices of earlier runs: it is dropped, not sent at an old level for a
 * reason that has gone. Without a run (preview), a section needs one row at a real level.
 */
export function letterRows<R extends Pick<ContentRow, "scenario_id" | "level_id" | "run_id">>(rows: R[], runId?: number): R[] {
  const live = new Set<number>();
  for (const r of rows) if (r.level_id !== 0 && (runId === undefined || r.run_id === runId)) live.add(r.scenario_id);
  return live.size === new Set(rows.map((r) => r.scenario_id)).size ? rows : rows.filter((r) => live.has(r.scenario_id));
}

/**
 * The sections of a delivery and the one language they are in: the patron's preferred language if every section's
 * template has it, else the library's (a document never mixes languages when its templates allow one). When the
 * templates share no language, the first (highest level) section's template decides and the others use their own
 * closest text.
 */
export function buildSectionSources(rows: ContentRow[], recipient: Recipient, setup: NoticeSetup) {
  // One letter lists a loan once: a loan in an escalation section (OE, OF, LF) is not listed again in the plain overdue
  // section of the same document (they share a separation group by default). Its overdue notice still travels in the
  // document and is recorded as sent with it.
  const escalated = new Set(rows.filter((r) => LEVELLED_KINDS.has(r.kind) && r.loan_id !== null).map((r) => r.loan_id));
  const listed = escalated.size ? rows.filter((r) => r.kind !== "O" || !escalated.has(r.loan_id)) : rows;
  const groups = [...groupBy(listed, (r) => r.scenario_id).values()]
    .map((scenarioRows) => {
      const top = scenarioRows.reduce((a, b) => (b.level > a.level ? b : a));
      const level = top.level;
      const levelSetup = setup.levels.get(top.level_id);
      const template = levelSetup ? setup.templates.get(levelSetup.templateId) : undefined;
      if (!levelSetup || !template || template.texts.size === 0) {
        throw new ConfigurationGoneError(`scenario ${top.scenario_id} level ${level} (id ${top.level_id}) no longer exists or has no template text`);
      }
      return { rows: scenarioRows, level, isEscalation: LEVELLED_KINDS.has(scenarioRows[0].kind), template, showItemCost: levelSetup.showItemCost };
    })
    // Highest priority first: it gives the letter its subject and closing. The highest level; at the same level an
    // escalation (OE, OF, LF) before a plain notice, so an Overdue + escalation #1 letter is the escalation's.
    .sort((a, b) => b.level - a.level || Number(b.isEscalation) - Number(a.isEscalation));
  const preferred = rows[0]?.preferred_language ?? null;
  const languagesOf = (g: (typeof groups)[number]) => [...g.template.texts.keys()];
  const shared = groups.length ? languagesOf(groups[0]).filter((l) => groups.every((g) => g.template.texts.has(l))) : [];
  const candidates = shared.length ? shared : groups.length ? languagesOf(groups[0]) : [];
  const language = chooseLanguage(candidates, preferred, setup.library.defaultLanguage);
  const sections: SectionSource[] = groups.map((g) => ({
    family: g.template.family as NoticeFamily,
    text: g.template.texts.get(chooseLanguage([...g.template.texts.keys()], language, setup.library.defaultLanguage))!,
    showItemCost: g.showItemCost,
    context: noticeContext(g.rows, recipient, setup, language, g.level),
  }));
  return { language, sections };
}

/** A delivery's letter as the patron's mail program shows it (subject, HTML, text part): the sender's and the preview's. */
export async function renderDeliveryLetter(rows: ContentRow[], recipient: Recipient, setup: NoticeSetup) {
  const { language, sections } = buildSectionSources(rows, recipient, setup);
  return { language, ...(await renderNotice({ brand: setup.brand, language, sections })) };
}

export type ComposeInput = {
  deliveryId: number;
  to: string;
  recipient: Recipient;
  rows: ContentRow[];
  setup: NoticeSetup;
  fallbackFrom: string;
};

/** A delivery's Message-ID: fixed per delivery row, so a resend (a new row) has a new one by construction. */
export function deliveryMessageId(deliveryId: number, senderAddress: string) {
  return `<delivery-${deliveryId}@${senderAddress.split("@")[1] ?? "noticeboard.local"}>`;
}

/** Renders the notice and builds the MIME message. The Message-ID is fixed per delivery, so any copy is recognisable. */
export async function composeNoticeEmail(input: ComposeInput) {
  const { library } = input.setup;
  const { language, subject, html, text } = await renderDeliveryLetter(input.rows, input.recipient, input.setup);
  const messageId = deliveryMessageId(input.deliveryId, library.senderAddress);
  const raw = await new MailComposer({
    from: mailFrom(library, input.fallbackFrom), to: input.to, subject, html, text, messageId,
    headers: { "X-Noticeboard-Delivery": String(input.deliveryId), "Content-Language": language },
  }).compile().build();
  return { raw, subject, messageId, envelopeFrom: library.senderAddress, language };
}
