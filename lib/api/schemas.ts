// The request shapes of /api/v1, one zod schema each: they validate requests and generate the OpenAPI document
// (lib/api/openapi.ts), so the two cannot disagree. Records are addressed by the library's own identifiers (card
// number, barcode, codes, external ids), never by our database ids.
import { z } from "zod";
import { ZPreviewQuery, ZStartRun } from "@/lib/notices/schemas";
import { languageTag } from "@/lib/templates/schemas";
import { NO_NUL, hasNoNul, safeString } from "./safe-text";
import { ZCurrency } from "@/lib/suppliers/schemas";

// "required" for a missing field, "text" for a value of another type (zod's default names the types); never a NUL.
const string = () => safeString({ error: (issue) => (issue.input === undefined ? "required" : "text") });
const text = (max: number) => string().trim().min(1, "required").max(max, `at most ${max} characters`);
const optionalText = (max: number) => string().trim().max(max, `at most ${max} characters`).nullish().transform((v) => v || null);
const code = text(50).regex(/^[A-Za-z0-9._-]+$/, "letters, digits, dot, dash or underscore");
const date = z.iso.date("a date as YYYY-MM-DD");
const dateTime = z.iso.datetime({ offset: true, message: "a date-time with time zone, e.g. 2026-11-27T10:00:00Z" });
const money = z.number("a number").min(0, "zero or more").max(1_000_000, "at most 1,000,000").multipleOf(0.01, "whole pence / cents");

export const MAX_BATCH = 10_000;
const batch = <T extends z.ZodType>(row: T) =>
  z.object({ items: z.array(row).min(1, "at least one row").max(MAX_BATCH, `at most ${MAX_BATCH} rows per request`) }).strict();

export const CategoryRow = z.object({ code, name: text(200) }).strict().meta({ id: "Category" });
export const GroupRow = z.object({ code, name: text(200) }).strict().meta({ id: "LibraryGroup" });

export const ContactRow = z.object({
  kind: z.enum(["PARENT", "GUARDIAN", "TEACHER", "OTHER"]),
  name: text(200),
  email: z.email("an email address").nullish().transform((v) => v ?? null),
  mobile: optionalText(40),
}).strict();

export const PatronRow = z.object({
  cardNumber: text(64),
  externalId: optionalText(100),
  firstName: text(100),
  lastName: text(100),
  email: z.email("an email address").max(254).nullish().transform((v) => v ?? null),
  mobile: optionalText(40),
  preferredLanguage: languageTag.nullish().transform((v) => v ?? null),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  city: optionalText(100),
  postcode: optionalText(20),
  homeBranch: code.describe("branch code"),
  category: code.describe("patron category code"),
  academicLevel: code.nullish().transform((v) => v ?? null).describe("academic level code"),
  registeredOn: date,
  expiresOn: date,
  status: z.enum(["ACTIVE", "EXPIRED", "DEBARRED", "INACTIVE"]).default("ACTIVE"),
  reminderDays: z.int("a whole number").min(0, "0 to 60").max(60, "0 to 60").nullish().transform((v) => v ?? null)
    .describe("the patron's own loan reminder, days before the due date (LRM); null or left out: none"),
  lastActivityAt: dateTime.nullish().transform((v) => v ?? null)
    .describe("the last checkout, return or renewal known elsewhere (migrating history); never moves the stored one back"),
  // When given, these replace the patron's groups / contacts; when left out, those stay as they are.
  groups: z.array(code).max(50).optional().describe("library group codes (replace the patron's groups)"),
  contacts: z.array(ContactRow).max(10).optional().describe("contacts who also receive notices (replace the patron's contacts)"),
}).strict().meta({ id: "Patron" });

export const ItemRow = z.object({
  barcode: text(64),
  title: text(500),
  author: optionalText(300),
  callNumber: optionalText(100),
  isbn: optionalText(20),
  replacementCost: money.default(0),
  branch: code.describe("owning branch code"),
}).strict().meta({ id: "Item" });

export const LOAN_STATUSES = ["ON_LOAN", "RETURNED", "LOST", "LONG_OVERDUE", "REPORTED_LOST", "RECALLED", "CLAIMED_RETURNED", "CLAIMED_NEVER_BORROWED"] as const;
export const CLAIM_STATUSES = ["CLAIMED_RETURNED", "CLAIMED_NEVER_BORROWED"] as const;
// Where a resolved claim may leave the loan: any status but a claim.
const RESOLVED_TO = ["ON_LOAN", "RETURNED", "LOST", "LONG_OVERDUE", "REPORTED_LOST", "RECALLED"] as const;
export const LoanRow = z.object({
  externalId: text(100),
  cardNumber: text(64),
  barcode: text(64),
  branch: code.nullish().transform((v) => v ?? null).describe("issuing branch code"),
  loanedAt: dateTime,
  dueDate: date,
  returnedAt: dateTime.nullish().transform((v) => v ?? null),
  renewalsUsed: z.int().min(0).max(999).default(0),
  renewalsAllowed: z.int().min(0).max(999).default(3),
  status: z.enum(LOAN_STATUSES).default("ON_LOAN"),
}).strict().meta({ id: "Loan" });

export const RESERVATION_STATUSES = ["WAITING", "READY_FOR_PICKUP", "COLLECTED", "EXPIRED_UNCOLLECTED", "EXPIRED_UNFULFILLED", "CANCELLED", "AUTO_CANCELLED"] as const;
export const ReservationRow = z.object({
  externalId: text(100),
  cardNumber: text(64),
  barcode: text(64).nullish().transform((v) => v ?? null).describe("the copy held, once one is"),
  title: optionalText(500).describe("a title-level reservation's title"),
  pickupBranch: code,
  status: z.enum(RESERVATION_STATUSES).default("WAITING"),
  placedAt: dateTime.nullish().transform((v) => v ?? null),
  readyAt: dateTime.nullish().transform((v) => v ?? null),
  pickupBy: date.nullish().transform((v) => v ?? null),
  completedAt: dateTime.nullish().transform((v) => v ?? null),
}).strict().refine((r) => r.barcode || r.title, { message: "a barcode or a title", path: ["barcode"] }).meta({ id: "Reservation" });

export const ChargeRow = z.object({
  externalId: text(100),
  cardNumber: text(64),
  loanExternalId: optionalText(100),
  kind: z.enum(["OVERDUE_FINE", "LOST_ITEM", "RESERVATION_FEE", "MEMBERSHIP", "DAMAGE", "OTHER"]),
  code: optionalText(50),
  description: optionalText(300),
  amount: money,
  balance: money,
  createdAt: dateTime.nullish().transform((v) => v ?? null),
  paidAt: dateTime.nullish().transform((v) => v ?? null),
}).strict().refine((c) => c.balance <= c.amount, { message: "at most the amount", path: ["balance"] }).meta({ id: "Charge" });

const SupplierContactRow = z.object({
  name: text(120),
  role: optionalText(120),
  email: z.email("an email address").nullish().transform((v) => v ?? null),
  phone: optionalText(50),
  receivesOrders: z.boolean().default(false),
  receivesClaims: z.boolean().default(false),
}).strict().refine((c) => !(c.receivesOrders || c.receivesClaims) || c.email, { message: "an email address, so orders and claims reach this contact", path: ["email"] });

export const SupplierRow = z.object({
  code,
  externalId: optionalText(100),
  name: text(200),
  email: z.email("an email address").nullish().transform((v) => v ?? null),
  phone: optionalText(40),
  address: optionalText(500),
  accountNumber: optionalText(100),
  // Left out: the supplier keeps its own (a new one gets the defaults: GBP, 30 days, active, no contacts).
  currency: ZCurrency.optional().describe("ISO 4217, e.g. EUR"),
  claimPeriodDays: z.number().int("a whole number of days").min(1, "at least 1 day").max(365, "at most 365 days").optional(),
  isActive: z.boolean().optional(),
  contacts: z.array(SupplierContactRow).max(50).optional().describe("replace the supplier's contacts; an active supplier needs one who receives orders"),
}).strict().superRefine((s, ctx) => {
  if (s.contacts && s.isActive !== false && !s.contacts.some((c) => c.receivesOrders)) {
    ctx.addIssue({ code: "custom", path: ["contacts"], message: "an active supplier needs at least one contact who receives orders" });
  }
}).meta({ id: "Supplier" });

export const RESOURCES = {
  categories: { row: CategoryRow, label: "patron categories" },
  groups: { row: GroupRow, label: "library groups" },
  patrons: { row: PatronRow, label: "patrons with their contacts and groups" },
  items: { row: ItemRow, label: "items (copies)" },
  loans: { row: LoanRow, label: "loans" },
  reservations: { row: ReservationRow, label: "reservations" },
  charges: { row: ChargeRow, label: "charges" },
  suppliers: { row: SupplierRow, label: "suppliers with their contacts" },
} as const;
export type Resource = keyof typeof RESOURCES;

export const batchSchema = (resource: Resource) => batch(RESOURCES[resource].row);

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1, "at least 1").max(1000, "at most 1000").default(100),
  after: safeString().max(200).optional().describe("the last key of the previous page (keyset pagination)"),
}).strict();

export const runDeliveriesQuery = listQuery.extend({
  status: z.enum(["PLANNED", "QUEUED", "SENDING", "SENT", "FAILED", "SKIPPED", "CANCELLED", "UNKNOWN"]).optional(),
});

// Circulation events: what happened at the desk, in order. Each updates the records; the engine's event run (every
// minute) then sends reservation-ready and cancelled notices.
const at = dateTime.nullish().transform((v) => v ?? null).describe("when it happened (default: now)");
export const EventRow = z.discriminatedUnion("type", [
  z.object({ type: z.literal("checkout"), loanExternalId: text(100), cardNumber: text(64), barcode: text(64), dueDate: date, branch: code.nullish(), at }).strict(),
  z.object({ type: z.literal("return"), loanExternalId: text(100), at }).strict(),
  z.object({ type: z.literal("renew"), loanExternalId: text(100), dueDate: date, at }).strict(),
  z.object({
    type: z.literal("loan-status"), loanExternalId: text(100),
    status: z.enum(["ON_LOAN", "LOST", "LONG_OVERDUE", "REPORTED_LOST", "RECALLED", "CLAIMED_RETURNED", "CLAIMED_NEVER_BORROWED"]), at,
  }).strict(),
  z.object({
    type: z.literal("loan-status-resolved"), loanExternalId: text(100),
    notify: z.boolean("true or false").default(true).describe("staff flag the resolution for a notice (LCRR / LCRNBR)"),
    status: z.enum(RESOLVED_TO).nullish().transform((v) => v ?? null).describe("the loan's status from now on (default: it keeps the claim)"),
    at,
  }).strict(),
  z.object({ type: z.literal("reservation-ready"), reservationExternalId: text(100), barcode: text(64).nullish(), pickupBy: date, at }).strict(),
  z.object({
    type: z.literal("reservation-finished"), reservationExternalId: text(100),
    status: z.enum(["COLLECTED", "EXPIRED_UNCOLLECTED", "EXPIRED_UNFULFILLED", "CANCELLED", "AUTO_CANCELLED"]), at,
  }).strict(),
  z.object({ type: z.literal("charge-paid"), chargeExternalId: text(100), amount: money.nullish().describe("default: the whole balance"), at }).strict(),
]).meta({ id: "CirculationEvent" });
export const EventBatch = batch(EventRow);

// Starting a run and previewing one (/api/v1/notices and the dashboard's /api/notices): the run date within a range a
// library can mean (year 1 and 9999 were planned), scenario codes as text Postgres can take, and an empty list refused
// rather than taken as "every scenario".
export const RUN_DATE_RANGE = { from: "2000-01-01", to: "2099-12-31" };
const inRunRange = (v: string) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || (v >= RUN_DATE_RANGE.from && v <= RUN_DATE_RANGE.to);
const runDate = ZStartRun.shape.date.refine(inRunRange, `a date from ${RUN_DATE_RANGE.from} to ${RUN_DATE_RANGE.to}`);
const scenarioCode = z.string().min(1).max(100).refine(hasNoNul, NO_NUL);

export const StartRunRequest = ZStartRun.extend({
  date: runDate,
  scenarios: z.array(scenarioCode).min(1, "at least one scenario, or leave it out for all").max(50).optional()
    .describe("scenario codes; left out: every enabled scenario"),
}).strict();

export const PreviewRequest = ZPreviewQuery.extend({
  date: runDate,
  scenario: z.array(scenarioCode).max(50).optional(),
});
