// Which of a scenario's fields mean something for each kind of notice (the editor shows only those, and the schema
// refuses the others), and how the scenarios page groups the kinds (as Infiniti's Communication Scenarios does).
import type { NoticeKind } from "@/lib/generated/prisma/enums";
import { KINDS } from "@/lib/notices/kinds";
import { LEVELLED_KINDS } from "@/lib/notices/rules/evaluate";

export type KindFields = {
  /** Several escalation levels (OE, OF, LF); every other kind has exactly one. */
  isLevelled: boolean;
  /** The level's period in days means something ("Period means …" is KINDS[kind].period). */
  usesPeriod: boolean;
  /** A period may be negative (registration expiry: days before it). */
  allowsNegativePeriod: boolean;
  /** LF: each level is an amount of fines reached, required. I: a minimum balance, optional. Others: none. */
  amount: "required" | "optional" | "none";
  /** The catch-up window applies: the trigger is a past event (KINDS[kind].isHistorical). */
  usesCatchUp: boolean;
};

export function kindFields(kind: NoticeKind): KindFields {
  const info = KINDS[kind];
  return {
    isLevelled: LEVELLED_KINDS.has(kind),
    usesPeriod: kind !== "LF" && !info.period.startsWith("not used"),
    allowsNegativePeriod: kind === "BX",
    amount: kind === "LF" ? "required" : kind === "I" ? "optional" : "none",
    usesCatchUp: info.isHistorical,
  };
}

export const AMOUNT_HELP: Partial<Record<NoticeKind, string>> = {
  LF: "Amount of fines on the loan that reaches this level.",
  I: "Only charges whose balance has reached this amount are invoiced (leave empty for any amount).",
};

export const KIND_GROUPS: { title: string; kinds: NoticeKind[] }[] = [
  { title: "Reservations", kinds: ["V", "RX", "RU", "RE", "RC", "RS"] },
  { title: "Loan notices", kinds: ["LM", "LW", "LRM", "CL", "CLNS", "LL", "LLO", "LLR", "LR", "LCR", "LCRNB", "LCRR", "LCRNBR"] },
  { title: "Escalation notices", kinds: ["O", "OE", "OF", "LF"] },
  { title: "Fines and invoices", kinds: ["I"] },
  { title: "Account notices", kinds: ["BX", "BR", "IB", "DB"] },
];
