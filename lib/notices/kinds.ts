import type { NoticeKind } from "@/lib/generated/prisma/enums";

export type Subject = "loan" | "reservation" | "charge" | "patron";

export type KindInfo = {
  label: string;
  subject: Subject;
  // once: one notice per subject, level and occurrence, ever. every-run: again on each scheduled run (DOMAIN.md:
  // only Overdue, Invoice and the all-loans reminders).
  repeat: "once" | "every-run";
  // What periodDays counts (docs and the scenario form).
  period: string;
  // The trigger is a past event, so catchUpDays limits how old it may be when first planned.
  isHistorical: boolean;
  // Reservation ready / cancelled go out within a minute of the change (the event run), not only at night.
  isEventDriven?: boolean;
};

export const KINDS: Record<NoticeKind, KindInfo> = {
  LM: { label: "Pre-overdue reminder", subject: "loan", repeat: "once", period: "days before the due date", isHistorical: false },
  LW: { label: "Renewal reminder", subject: "loan", repeat: "once", period: "days before the due date, while renewals remain", isHistorical: false },
  O: { label: "Overdue", subject: "loan", repeat: "every-run", period: "days overdue before the first notice", isHistorical: false },
  OE: { label: "Overdue escalation", subject: "loan", repeat: "once", period: "days overdue reaching each level", isHistorical: false },
  LF: { label: "Overdue (fine)", subject: "loan", repeat: "once", period: "fine amount accrued reaching each level", isHistorical: false },
  OF: { label: "Overdue fine", subject: "loan", repeat: "once", period: "days overdue reaching each level", isHistorical: false },
  LL: { label: "Loan lost", subject: "loan", repeat: "once", period: "days since the status was set", isHistorical: true },
  LLO: { label: "Loan long overdue", subject: "loan", repeat: "once", period: "days since the status was set", isHistorical: true },
  LLR: { label: "Loan reported lost", subject: "loan", repeat: "once", period: "days since the status was set", isHistorical: true },
  LR: { label: "Loan recalled", subject: "loan", repeat: "once", period: "days since the status was set", isHistorical: true },
  LCR: { label: "Claimed returned", subject: "loan", repeat: "once", period: "days since the status was set", isHistorical: true },
  LCRNB: { label: "Claimed never borrowed", subject: "loan", repeat: "once", period: "days since the status was set", isHistorical: true },
  LCRR: { label: "Claimed returned resolved", subject: "loan", repeat: "once", period: "days since staff resolved it", isHistorical: true },
  LCRNBR: { label: "Claimed never borrowed resolved", subject: "loan", repeat: "once", period: "days since staff resolved it", isHistorical: true },
  V: { label: "Reservation ready for pickup", subject: "reservation", repeat: "once", period: "days since it was ready (0 = at once)", isHistorical: false, isEventDriven: true },
  RX: { label: "Reservation expiring", subject: "reservation", repeat: "once", period: "days before the pickup-by date", isHistorical: false },
  RU: { label: "Reservation expired", subject: "reservation", repeat: "once", period: "days since it completed", isHistorical: true },
  RE: { label: "Reservation allocation expired", subject: "reservation", repeat: "once", period: "days since it completed", isHistorical: true },
  RC: { label: "Reservation cancelled", subject: "reservation", repeat: "once", period: "days since it completed", isHistorical: true, isEventDriven: true },
  RS: { label: "Reservation auto-cancelled", subject: "reservation", repeat: "once", period: "days since it completed", isHistorical: true },
  I: { label: "Invoice reminder", subject: "charge", repeat: "every-run", period: "days since the charge was incurred", isHistorical: false },
  CL: { label: "Current loans", subject: "loan", repeat: "every-run", period: "not used", isHistorical: false },
  CLNS: { label: "Current loans without a status", subject: "loan", repeat: "every-run", period: "not used", isHistorical: false },
  LRM: { label: "Loan reminder (patron's own period)", subject: "loan", repeat: "once", period: "not used: the patron's own reminder days, set at registration", isHistorical: false },
  BX: { label: "Registration expiry", subject: "patron", repeat: "once", period: "days after expiry (negative: before)", isHistorical: true },
  BR: { label: "Registration reminder", subject: "patron", repeat: "once", period: "days since registration, or since the patron last changed category", isHistorical: true },
  IB: { label: "Inactive borrower", subject: "patron", repeat: "once", period: "days since last activity", isHistorical: true },
  DB: { label: "Debarral", subject: "patron", repeat: "once", period: "days since debarred", isHistorical: true },
};

// Loans an overdue notice is about: still out. Lost, reported lost and claimed loans are excluded (Spydus "O").
export const OVERDUE_LOAN_STATUSES = ["ON_LOAN", "RECALLED", "LONG_OVERDUE"] as const;
// "Current loans": everything not returned (CL); "with no status" (CLNS): all but claimed returned, claimed never
// borrowed, lost and reported lost (Spydus), so recalled and long-overdue loans are listed.
export const CURRENT_LOAN_STATUSES = [
  "ON_LOAN", "RECALLED", "LONG_OVERDUE", "LOST", "REPORTED_LOST", "CLAIMED_RETURNED", "CLAIMED_NEVER_BORROWED",
] as const;
export const NO_STATUS_LOAN_STATUSES = ["ON_LOAN", "RECALLED", "LONG_OVERDUE"] as const;
