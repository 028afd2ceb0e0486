// An order's email, or a claim's: the wording (the acquisitions template, in the library's language) above the order's
// lines as a table, and the same lines as a CSV attachment a supplier's system can read. One function for the screen's
// preview and the worker's send, so staff see exactly what goes.
import MailComposer from "nodemailer/lib/mail-composer";
import Papa from "papaparse";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { mailFrom } from "@/lib/mail/mail-from";
import { libraryFactsIn, type NoticeSetup } from "@/lib/notices/load-notice-setup";
import { SUPPLIER_CLAIM_TEMPLATE, SUPPLIER_ORDER_TEMPLATE } from "@/lib/notices/default-scenarios";
import { renderSupplierOrder } from "@/lib/templates/compose";
import { formatDate, formatMoney, formattingLocale } from "@/lib/templates/format";
import { chooseLanguage } from "@/lib/templates/labels";
import type { OrderContext } from "@/lib/templates/placeholders";
import type { TemplateText } from "@/lib/templates/validate";
import { localDate } from "@/lib/time/library-date";
import { orderTotals, toCents } from "../totals";

export type OrderEmailWhat = { kind: "ORDER" } | { kind: "CLAIM"; level: number };

type LoadedOrder = NonNullable<Awaited<ReturnType<typeof loadOrder>>>;

export function loadOrder(db: PrismaClient, orderId: number) {
  return db.purchaseOrder.findUnique({
    where: { id: orderId },
    include: { supplier: { include: { contacts: { orderBy: { id: "asc" } } } }, lines: { orderBy: { lineNo: "asc" } } },
  });
}

/** The template text an order (or claim) is worded by: the one chosen in the acquisitions settings, else the template
 * of the default name, else the built-in wording (a library upgraded from before issue 15 may have neither). */
export async function orderTemplateText(db: PrismaClient, setup: NoticeSetup, what: OrderEmailWhat): Promise<TemplateText> {
  const fallback = what.kind === "CLAIM" ? SUPPLIER_CLAIM_TEMPLATE : SUPPLIER_ORDER_TEMPLATE;
  const settings = await db.acquisitionsSettings.findUnique({ where: { id: 1 } });
  const chosenId = what.kind === "CLAIM" ? settings?.claimTemplateId : settings?.orderTemplateId;
  const templates = [...setup.templates.values()].filter((t) => t.family === "SUPPLIER_ORDER" && t.texts.size);
  const template = templates.find((t) => t.id === chosenId) ?? templates.find((t) => t.name === fallback.name);
  if (!template) return { subject: fallback.subject, body: fallback.body, closing: fallback.closing };
  const language = chooseLanguage([...template.texts.keys()], setup.library.defaultLanguage, setup.library.defaultLanguage);
  return template.texts.get(language)!;
}

/** Copies still to come on each line (a claim lists only lines with some). */
export const outstandingLines = (order: LoadedOrder) => order.lines.filter((l) => l.quantity > l.receivedQuantity);

export function orderContext(order: LoadedOrder, setup: NoticeSetup, what: OrderEmailWhat, recipients: string[]): OrderContext {
  const { library } = setup;
  const locale = formattingLocale(library.defaultLanguage, library.defaultLanguage);
  const money = (cents: number) => formatMoney(cents / 100, locale, order.currency);
  const totals = orderTotals(order.lines, order.taxRate);
  const lines = what.kind === "CLAIM" ? outstandingLines(order) : order.lines;
  const sentOn = order.sentAt ? localDate(library.timeZone, order.sentAt) : "";
  const today = localDate(library.timeZone);
  // Recipients are kept in lower case (the form and the claims pass); contacts' addresses as staff typed them.
  const contact = order.supplier.contacts.find((c) => c.email && recipients.includes(c.email.toLowerCase()));
  return {
    library: libraryFactsIn(setup, library.defaultLanguage),
    supplier: {
      name: order.supplier.name, contact_name: contact?.name ?? "", email: recipients.join(", "),
      account_number: order.supplier.accountNumber ?? "", address: order.supplier.address ?? "",
    },
    order: {
      number: order.number,
      date: formatDate(sentOn || today, locale),
      notes: order.notes ?? "",
      subtotal: money(totals.subtotal),
      tax_rate: `${Number(order.taxRate.toString())}%`,
      tax: money(totals.tax),
      total: money(totals.total),
      lines: lines.map((l) => ({
        line_no: l.lineNo, title: l.title, author: l.author ?? "", isbn: l.isbn ?? "", quantity: l.quantity,
        unit_price: money(toCents(l.unitPrice)), line_total: money(l.quantity * toCents(l.unitPrice)),
        received: l.receivedQuantity, outstanding: l.quantity - l.receivedQuantity,
      })),
    },
    claim: what.kind === "CLAIM"
      ? { level: what.level, sent_on: formatDate(sentOn, locale), days_late: sentOn ? Math.max(0, daysBetween(sentOn, today) - order.supplier.claimPeriodDays) : 0 }
      : { level: 0, sent_on: "", days_late: 0 },
  };
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The order's lines as CSV (the attachment): plain numbers, so a spreadsheet or a supplier's system can read them. */
export function orderCsv(order: LoadedOrder, what: OrderEmailWhat): string {
  if (what.kind === "CLAIM") {
    return Papa.unparse({
      fields: ["order_number", "line_no", "title", "author", "isbn", "ordered", "received", "outstanding"],
      data: outstandingLines(order).map((l) => [order.number, l.lineNo, l.title, l.author ?? "", l.isbn ?? "", l.quantity, l.receivedQuantity, l.quantity - l.receivedQuantity]),
    }, { escapeFormulae: true });
  }
  const cents = (c: number) => (c / 100).toFixed(2);
  return Papa.unparse({
    fields: ["order_number", "line_no", "title", "author", "isbn", "quantity", "unit_price", "line_total", "currency", "fund", "note"],
    data: order.lines.map((l) => [order.number, l.lineNo, l.title, l.author ?? "", l.isbn ?? "", l.quantity, cents(toCents(l.unitPrice)),
      cents(l.quantity * toCents(l.unitPrice)), order.currency, l.fund ?? "", l.note ?? ""]),
    // Titles come from staff and the library system: a cell starting = + - @ would run as a formula in a spreadsheet.
  }, { escapeFormulae: true });
}

export const orderEmailMessageId = (emailId: number, senderAddress: string) =>
  `<order-email-${emailId}@${senderAddress.split("@")[1] ?? "noticeboard.local"}>`;

export const attachmentName = (number: string, what: OrderEmailWhat) => (what.kind === "CLAIM" ? `${number}-claim-${what.level}.csv` : `${number}.csv`);

/** The rendered email (subject, HTML, text) and its CSV, for the preview and the send. */
export async function renderOrderEmail(db: PrismaClient, setup: NoticeSetup, order: LoadedOrder, what: OrderEmailWhat, recipients: string[]) {
  if (what.kind === "CLAIM" && outstandingLines(order).length === 0) {
    throw new AppError("CONFLICT", `Nothing to claim: every copy on order ${order.number} has been received.`);
  }
  const text = await orderTemplateText(db, setup, what);
  const language = setup.library.defaultLanguage;
  const rendered = await renderSupplierOrder({ brand: setup.brand, language, text, context: orderContext(order, setup, what, recipients) });
  return { ...rendered, csv: orderCsv(order, what), filename: attachmentName(order.number, what), language };
}

/** The MIME message the worker hands over: fixed Message-ID per email row, so any copy of it is recognisable. */
export async function composeOrderEmail(input: {
  db: PrismaClient; setup: NoticeSetup; order: LoadedOrder; what: OrderEmailWhat; recipients: string[]; emailId: number; fallbackFrom: string;
}) {
  const { library } = input.setup;
  const email = await renderOrderEmail(input.db, input.setup, input.order, input.what, input.recipients);
  const messageId = orderEmailMessageId(input.emailId, library.senderAddress);
  const raw = await new MailComposer({
    from: mailFrom(library, input.fallbackFrom), to: input.recipients, subject: email.subject, html: email.html, text: email.text, messageId,
    attachments: [{ filename: email.filename, content: email.csv, contentType: "text/csv; charset=utf-8" }],
    headers: { "X-Noticeboard-Order-Email": String(input.emailId), "Content-Language": email.language },
  }).compile().build();
  return { raw, subject: email.subject, messageId, envelopeFrom: library.senderAddress || input.fallbackFrom };
}
