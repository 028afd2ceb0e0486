// What a template may say: the placeholders of each family, as one sample context per family. The sample is three
// things at once: the data the editor previews with, the list of placeholders it shows staff, and the schema that
// validation checks a template against (a placeholder not in the sample is unknown). Values are display strings:
// dates and amounts arrive formatted for the patron's language and the library's currency.
import type { TemplateFamily } from "@/lib/generated/prisma/enums";
import type { NoticeKind } from "@/lib/generated/prisma/enums";
import { KINDS } from "@/lib/notices/kinds";

export type LoanLine = {
  title: string;
  author: string;
  barcode: string;
  due_date: string;
  days_overdue: number;
  fine: string;
  replacement_cost: string;
};
export type ReservationLine = { title: string; author: string; pickup_branch: string; pickup_by: string };
export type ChargeLine = { description: string; date: string; amount: string; balance: string };
// received / outstanding: copies received so far and still to come (a claim lists only lines with some outstanding).
export type OrderLine = {
  line_no: number; title: string; author: string; isbn: string; quantity: number; unit_price: string; line_total: string; received: number; outstanding: number;
};

export type LibraryFacts = { name: string; address: string; opening_hours: string; email: string };
export type BranchFacts = { name: string; address: string; phone: string; email: string };

export type NoticeContext = {
  patron: { first_name: string; last_name: string; name: string; card_number: string; email: string };
  contact: { name: string; is_patron: boolean };
  library: LibraryFacts;
  branch: BranchFacts;
  notice: { title: string; level: number; date: string };
  loans: LoanLine[];
  reservations: ReservationLine[];
  charges: ChargeLine[];
  total_due: string;
  account: { expires_on: string; registered_on: string; status: string };
};

export type OrderContext = {
  library: LibraryFacts;
  supplier: { name: string; contact_name: string; email: string; account_number: string; address: string };
  order: { number: string; date: string; notes: string; subtotal: string; tax_rate: string; tax: string; total: string; lines: OrderLine[] };
  // A claim's facts; level 0 (and empty dates) in the order's own email.
  claim: { level: number; sent_on: string; days_late: number };
};

export type TemplateContext = NoticeContext | OrderContext;

export const FAMILY_OF_SUBJECT = { loan: "LOAN", reservation: "RESERVATION", charge: "CHARGE", patron: "ACCOUNT" } as const;
export const familyOfKind = (kind: NoticeKind): TemplateFamily => FAMILY_OF_SUBJECT[KINDS[kind].subject];

export const FAMILY_LABELS: Record<TemplateFamily, string> = {
  LOAN: "Loan notices",
  RESERVATION: "Reservation notices",
  CHARGE: "Charges and invoices",
  ACCOUNT: "Account notices",
  SUPPLIER_ORDER: "Supplier orders",
};

const library: LibraryFacts = {
  name: "Riverside Public Library",
  address: "1 Library Square, Riverside RV1 1AA",
  opening_hours: "Mon-Fri 9:00-19:00, Sat 10:00-16:00",
  email: "notices@riverside-library.example",
};

const SAMPLE_NOTICE: NoticeContext = {
  patron: { first_name: "Olivia", last_name: "Taylor", name: "Olivia Taylor", card_number: "P0000042", email: "olivia.taylor@example.net" },
  contact: { name: "Olivia Taylor", is_patron: true },
  library,
  branch: { name: "Central Library", address: "1 Library Square, Riverside RV1 1AA", phone: "01632 960000", email: "central@riverside-library.example" },
  notice: { title: "Overdue reminder", level: 1, date: "27 Nov 2026" },
  loans: [
    { title: "The Silent Garden", author: "Smith, Ava", barcode: "B000000042", due_date: "12 Nov 2026", days_overdue: 14, fine: "£1.50", replacement_cost: "£14.99" },
    { title: "The Glass Harbour", author: "Jones, Noah", barcode: "B000000043", due_date: "20 Nov 2026", days_overdue: 6, fine: "£0.70", replacement_cost: "£9.99" },
  ],
  reservations: [{ title: "The Paper Atlas", author: "Brown, Mia", pickup_branch: "Central Library", pickup_by: "4 Dec 2026" }],
  charges: [
    { description: "Overdue fine", date: "3 Nov 2026", amount: "£2.40", balance: "£2.40" },
    { description: "Lost item: The Copper Key", date: "10 Nov 2026", amount: "£12.99", balance: "£10.00" },
  ],
  total_due: "£12.40",
  account: { expires_on: "11 Dec 2026", registered_on: "11 Dec 2023", status: "active" },
};

const SAMPLE_ORDER: OrderContext = {
  library,
  supplier: { name: "Northern Book Supply", contact_name: "Sam Carter", email: "orders@northern-books.example", account_number: "RPL-0042", address: "Unit 4, Mill Road, Leeds LS1 1AA" },
  order: {
    number: "PO-2026-0117",
    date: "27 Nov 2026",
    notes: "Please deliver to Central Library.",
    subtotal: "£52.95",
    tax_rate: "0%",
    tax: "£0.00",
    total: "£52.95",
    lines: [
      { line_no: 1, title: "The Silent Garden", author: "Smith, Ava", isbn: "9780000000017", quantity: 2, unit_price: "£12.99", line_total: "£25.98", received: 0, outstanding: 2 },
      { line_no: 2, title: "The Glass Harbour", author: "Jones, Noah", isbn: "9780000000024", quantity: 3, unit_price: "£8.99", line_total: "£26.97", received: 1, outstanding: 2 },
    ],
  },
  claim: { level: 1, sent_on: "27 Oct 2026", days_late: 1 },
};

// The lists only one family shows; the rest of NoticeContext is common to every notice.
const FAMILY_ONLY: Record<Exclude<TemplateFamily, "SUPPLIER_ORDER">, (keyof NoticeContext)[]> = {
  LOAN: ["loans"],
  RESERVATION: ["reservations"],
  CHARGE: ["charges", "total_due"],
  ACCOUNT: ["account"],
};
const FAMILY_SPECIFIC = new Set(Object.values(FAMILY_ONLY).flat());

/** The sample a family's templates preview with; its keys are exactly the placeholders they may use. */
export function sampleContext(family: TemplateFamily): TemplateContext {
  if (family === "SUPPLIER_ORDER") return structuredClone(SAMPLE_ORDER);
  const sample: Partial<NoticeContext> = structuredClone(SAMPLE_NOTICE);
  for (const key of FAMILY_SPECIFIC) if (!FAMILY_ONLY[family].includes(key)) delete sample[key];
  return sample as NoticeContext;
}

/** Every placeholder path of a family, for the editor's list: "patron.first_name", "loans[].title", ... */
export function placeholderPaths(family: TemplateFamily): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      paths.push(path);
      walk(value[0], `${path}[]`);
    } else if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
    } else {
      paths.push(path);
    }
  };
  walk(sampleContext(family), "");
  return paths;
}

/** A family's sample as a complete notice context (the other families' lists empty), for rendering. */
export function sampleNoticeContext(family: Exclude<TemplateFamily, "SUPPLIER_ORDER">): NoticeContext {
  const empty = { loans: [], reservations: [], charges: [], total_due: "", account: SAMPLE_NOTICE.account };
  return { ...empty, ...(sampleContext(family) as Partial<NoticeContext>) } as NoticeContext;
}
