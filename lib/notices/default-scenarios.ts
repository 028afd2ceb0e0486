import type { Channel, ContactKind, NoticeKind, ScheduleFrequency } from "@/lib/generated/prisma/enums";

export type ScenarioSeed = {
  code: string;
  kind: NoticeKind;
  name: string;
  isEnabled: boolean;
  frequency?: ScheduleFrequency;
  weekday?: number;
  monthDay?: number;
  runAt?: string;
  restrictChannels?: Channel[];
  printOverride?: boolean;
  separationGroup?: string;
  // Each level's wording becomes a template named by its subject (levels with the same subject share one).
  levels: {
    level?: number;
    periodDays?: number;
    amount?: number;
    contactKinds?: ContactKind[];
    subject: string;
    intro: string;
    processingChargeCode?: string;
    processingChargeAmount?: number;
    showItemCost?: boolean;
    printMedia?: string;
  }[];
};

// The demo library's scenarios: one per notice kind, the usual set enabled (DOMAIN.md; issue "Notice engine").
export const DEFAULT_SCENARIOS: ScenarioSeed[] = [
  { code: "pre-overdue", kind: "LM", name: "Pre-overdue reminder", isEnabled: true,
    levels: [{ periodDays: 2, subject: "Your loans are due soon", intro: "These items are due back in the next few days. You can renew them online or at any branch." }] },
  { code: "own-reminder", kind: "LRM", name: "Loan reminder (patron's own period)", isEnabled: false,
    levels: [{ subject: "A reminder: your loans are due soon", intro: "These items are due back soon, as you asked us to remind you when you joined. You can renew them online or at any branch." }] },
  { code: "renewal-reminder", kind: "LW", name: "Renewal reminder", isEnabled: false,
    levels: [{ periodDays: 3, subject: "Renew your loans", intro: "These items are due soon and can still be renewed." }] },
  { code: "overdue", kind: "O", name: "Loans overdue", isEnabled: true, separationGroup: "overdue",
    levels: [{ periodDays: 0, subject: "Your loans are overdue", intro: "These items are now overdue. Please return or renew them." }] },
  { code: "overdue-escalation", kind: "OE", name: "Loans overdue: escalation", isEnabled: true, separationGroup: "overdue",
    levels: [
      { level: 1, periodDays: 7, subject: "Overdue reminder: 1 week", intro: "These items are a week or more overdue." },
      { level: 2, periodDays: 14, subject: "Second overdue notice", intro: "These items are two weeks or more overdue. Please return them now." },
      { level: 3, periodDays: 28, contactKinds: ["SELF", "PARENT", "GUARDIAN"], showItemCost: true, printMedia: "A4 letter",
        processingChargeCode: "NOTICE", processingChargeAmount: 1.5,
        subject: "Final overdue notice", intro: "These items are four weeks or more overdue. If they are not returned you will be charged their replacement cost." },
    ] },
  { code: "overdue-fine", kind: "LF", name: "Overdue fines accrued", isEnabled: false,
    levels: [{ level: 1, amount: 5, subject: "Overdue fines on your account", intro: "Fines on these overdue items have reached £5." }] },
  { code: "overdue-fine-days", kind: "OF", name: "Overdue (fine)", isEnabled: false,
    levels: [{ level: 1, periodDays: 10, subject: "Overdue items are collecting fines", intro: "These overdue items are now collecting fines." }] },
  { code: "loan-lost", kind: "LL", name: "Loan lost", isEnabled: true, separationGroup: "charges",
    levels: [{ periodDays: 1, showItemCost: true, subject: "Item marked as lost", intro: "These items have been marked as lost on your account." }] },
  { code: "loan-long-overdue", kind: "LLO", name: "Loan long overdue", isEnabled: false,
    levels: [{ periodDays: 1, showItemCost: true, subject: "Long overdue items", intro: "These items are long overdue." }] },
  { code: "loan-reported-lost", kind: "LLR", name: "Loan reported lost", isEnabled: false,
    levels: [{ periodDays: 0, subject: "Thank you for reporting a lost item", intro: "We have recorded these items as lost." }] },
  { code: "loan-recalled", kind: "LR", name: "Loan recalled", isEnabled: false,
    levels: [{ periodDays: 0, subject: "An item you have is needed", intro: "Another reader needs these items. Please return them as soon as you can." }] },
  { code: "claimed-returned", kind: "LCR", name: "Claimed returned", isEnabled: false,
    levels: [{ periodDays: 0, subject: "We are looking for an item", intro: "You told us you returned these items. We are searching for them." }] },
  { code: "claimed-never-borrowed", kind: "LCRNB", name: "Claimed never borrowed", isEnabled: false,
    levels: [{ periodDays: 0, subject: "About an item on your account", intro: "You told us you never borrowed these items. We are looking into it." }] },
  { code: "claimed-returned-resolved", kind: "LCRR", name: "Claimed returned resolved", isEnabled: false,
    levels: [{ periodDays: 0, subject: "Your returned-item claim", intro: "We have resolved your claim about these items." }] },
  { code: "claimed-never-borrowed-resolved", kind: "LCRNBR", name: "Claimed never borrowed resolved", isEnabled: false,
    levels: [{ periodDays: 0, subject: "Your never-borrowed claim", intro: "We have resolved your claim about these items." }] },
  { code: "reservation-ready", kind: "V", name: "Reservation ready for pickup", isEnabled: true,
    levels: [{ periodDays: 0, subject: "Your reservation is ready", intro: "These items are waiting for you at the pickup branch." }] },
  { code: "reservation-expiring", kind: "RX", name: "Reservation expiring", isEnabled: true,
    levels: [{ periodDays: 2, subject: "Collect your reservation soon", intro: "These items will go back on the shelf if not collected by the date shown." }] },
  { code: "reservation-expired", kind: "RU", name: "Reservation expired", isEnabled: false,
    levels: [{ periodDays: 0, subject: "Your reservation has expired", intro: "We could not supply these items before your reservation expired." }] },
  { code: "reservation-allocation-expired", kind: "RE", name: "Reservation allocation expired", isEnabled: true,
    levels: [{ periodDays: 0, subject: "Your reservation was not collected", intro: "These items were held for you but not collected, so they have gone back on the shelf." }] },
  { code: "reservation-cancelled", kind: "RC", name: "Reservation cancelled", isEnabled: true,
    levels: [{ periodDays: 0, subject: "Your reservation has been cancelled", intro: "These reservations have been cancelled." }] },
  { code: "reservation-auto-cancelled", kind: "RS", name: "Reservation auto-cancelled", isEnabled: false,
    levels: [{ periodDays: 0, subject: "Your reservation was cancelled", intro: "These reservations were cancelled automatically." }] },
  { code: "invoice", kind: "I", name: "Invoice reminder", isEnabled: true, frequency: "WEEKLY", weekday: 1, separationGroup: "charges",
    levels: [{ periodDays: 7, subject: "Charges on your library account", intro: "These charges are still unpaid." }] },
  { code: "current-loans", kind: "CL", name: "Current loans (monthly)", isEnabled: false, frequency: "MONTHLY", monthDay: 1,
    levels: [{ subject: "Your current loans", intro: "These are the items you have on loan." }] },
  { code: "current-loans-no-status", kind: "CLNS", name: "Current loans without a status", isEnabled: false, frequency: "MONTHLY", monthDay: 1,
    levels: [{ subject: "Your current loans", intro: "These are the items you have on loan." }] },
  { code: "registration-expiry", kind: "BX", name: "Registration expiry", isEnabled: false,
    levels: [{ periodDays: -14, subject: "Your library membership expires soon", intro: "Your membership expires on the date shown. Renew it at any branch." }] },
  { code: "registration-reminder", kind: "BR", name: "Registration reminder", isEnabled: false,
    levels: [{ periodDays: 7, subject: "Complete your registration", intro: "Please visit a branch with proof of address to complete your registration." }] },
  { code: "inactive-borrower", kind: "IB", name: "Inactive borrower", isEnabled: false,
    levels: [{ periodDays: 365, subject: "We miss you", intro: "It has been a year since your last visit." }] },
  { code: "debarral", kind: "DB", name: "Debarral", isEnabled: false,
    levels: [{ periodDays: 0, subject: "Your borrowing is suspended", intro: "Your borrowing rights are suspended. Please contact the library." }] },
];

// Seeded translations, by template name: the demo's patrons include Welsh speakers (preferredLanguage "cy").
export const DEFAULT_TRANSLATIONS: Record<string, Record<string, { subject: string; intro: string; closing: string }>> = {
  "Your loans are overdue": {
    cy: { subject: "Mae eich benthyciadau yn hwyr", intro: "Mae'r eitemau hyn yn hwyr. Dychwelwch neu adnewyddwch nhw, os gwelwch yn dda.", closing: "Yn gywir" },
  },
  "Your reservation is ready": {
    cy: { subject: "Mae eich cais yn barod", intro: "Mae'r eitemau hyn yn aros amdanoch yn y gangen.", closing: "Yn gywir" },
  },
};

// A purchase order's wording (family SUPPLIER_ORDER), for acquisitions' "Email order".
export const SUPPLIER_ORDER_TEMPLATE = {
  name: "Purchase order",
  subject: "Order {{ order.number }} from {{ library.name }}",
  body: "Dear {{ supplier.contact_name | default: supplier.name }},\n\nPlease supply the following {{ order.lines.size }} titles. Quote order {{ order.number }} on your invoice.",
  closing: "Kind regards,\nAcquisitions, {{ library.name }}",
};

// A claim for what a supplier has not delivered (family SUPPLIER_ORDER, its `claim` placeholders set).
export const SUPPLIER_CLAIM_TEMPLATE = {
  name: "Claim for late order",
  subject: "{% if claim.level > 1 %}Claim {{ claim.level }}: {% else %}Claim: {% endif %}order {{ order.number }} from {{ library.name }} is late",
  body: "Dear {{ supplier.contact_name | default: supplier.name }},\n\nWe sent you order {{ order.number }} on {{ claim.sent_on }} and have not yet received the copies below. Please send them, or tell us when they will come or if they cannot be supplied.",
  closing: "Kind regards,\nAcquisitions, {{ library.name }}",
};
