// What each CSV import takes: its fields (label, required) and how a CSV record becomes the row the API's zod schema
// validates, so a file and an API batch are checked by the same rules. Shared by the browser (column mapping) and
// the server (conversion); nothing here touches the database.
import { z } from "zod";
import { safeString } from "@/lib/api/safe-text";
import { ContactRow, ItemRow, LoanRow, PatronRow, ReservationRow } from "@/lib/api/schemas";

export type ImportField = { name: string; label: string; required?: boolean; kind?: "number" | "list" | "int" };

export const IMPORT_TYPES = {
  patrons: {
    label: "Patrons",
    key: "cardNumber",
    fields: [
      { name: "cardNumber", label: "Card number", required: true }, { name: "externalId", label: "External id" },
      { name: "firstName", label: "First name", required: true }, { name: "lastName", label: "Last name", required: true },
      { name: "email", label: "Email" }, { name: "mobile", label: "Mobile" }, { name: "preferredLanguage", label: "Language" },
      { name: "addressLine1", label: "Address line 1" }, { name: "addressLine2", label: "Address line 2" },
      { name: "city", label: "City" }, { name: "postcode", label: "Postcode" },
      { name: "homeBranch", label: "Home branch code", required: true }, { name: "category", label: "Category code", required: true },
      { name: "academicLevel", label: "Academic level code" }, { name: "registeredOn", label: "Registered on", required: true },
      { name: "expiresOn", label: "Expires on", required: true }, { name: "status", label: "Status" },
      { name: "reminderDays", label: "Reminder days", kind: "int" }, { name: "lastActivityAt", label: "Last activity at (date-time)" },
      { name: "groups", label: "Groups (codes separated by ;)", kind: "list" },
    ],
    schema: PatronRow,
  },
  contacts: {
    label: "Patron contacts",
    key: null,
    fields: [
      { name: "cardNumber", label: "Patron card number", required: true }, { name: "kind", label: "Kind (PARENT, GUARDIAN...)", required: true },
      { name: "name", label: "Name", required: true }, { name: "email", label: "Email" }, { name: "mobile", label: "Mobile" },
    ],
    schema: ContactRow.extend({ cardNumber: safeString().trim().min(1, "required").max(64) }),
  },
  items: {
    label: "Items",
    key: "barcode",
    fields: [
      { name: "barcode", label: "Barcode", required: true }, { name: "title", label: "Title", required: true },
      { name: "author", label: "Author" }, { name: "callNumber", label: "Call number" }, { name: "isbn", label: "ISBN" },
      { name: "replacementCost", label: "Replacement cost", kind: "number" }, { name: "branch", label: "Branch code", required: true },
    ],
    schema: ItemRow,
  },
  loans: {
    label: "Loans",
    key: "externalId",
    fields: [
      { name: "externalId", label: "Loan id", required: true }, { name: "cardNumber", label: "Patron card number", required: true },
      { name: "barcode", label: "Item barcode", required: true }, { name: "branch", label: "Branch code" },
      { name: "loanedAt", label: "Loaned at (date-time)", required: true }, { name: "dueDate", label: "Due date", required: true },
      { name: "returnedAt", label: "Returned at" }, { name: "renewalsUsed", label: "Renewals used", kind: "int" },
      { name: "renewalsAllowed", label: "Renewals allowed", kind: "int" }, { name: "status", label: "Status" },
    ],
    schema: LoanRow,
  },
  reservations: {
    label: "Reservations",
    key: "externalId",
    fields: [
      { name: "externalId", label: "Reservation id", required: true }, { name: "cardNumber", label: "Patron card number", required: true },
      { name: "barcode", label: "Item barcode" }, { name: "title", label: "Title" },
      { name: "pickupBranch", label: "Pickup branch code", required: true }, { name: "status", label: "Status" },
      { name: "placedAt", label: "Placed at" }, { name: "readyAt", label: "Ready at" }, { name: "pickupBy", label: "Pick up by" },
      { name: "completedAt", label: "Completed at" },
    ],
    schema: ReservationRow,
  },
} as const satisfies Record<string, { label: string; key: string | null; fields: readonly ImportField[]; schema: z.ZodType }>;

export type ImportType = keyof typeof IMPORT_TYPES;
export const isImportType = (value: string): value is ImportType => Object.hasOwn(IMPORT_TYPES, value);

/** Field name -> CSV column header. */
export type Mapping = Record<string, string>;

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** A first guess at the mapping: headers equal to a field's name or label, ignoring case, spaces and punctuation. */
export function guessMapping(type: ImportType, headers: string[]): Mapping {
  const mapping: Mapping = {};
  for (const field of IMPORT_TYPES[type].fields) {
    const wanted = [normalise(field.name), normalise(field.label)];
    const header = headers.find((h) => wanted.includes(normalise(h)));
    if (header) mapping[field.name] = header;
  }
  return mapping;
}

/** One CSV record as the row the zod schema checks: empty cells are left out, numbers and lists converted. */
export function toRow(type: ImportType, record: Record<string, string | undefined>, mapping: Mapping): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of IMPORT_TYPES[type].fields as readonly ImportField[]) {
    const header = mapping[field.name];
    const cell = header === undefined ? undefined : record[header]?.trim();
    if (cell === undefined || cell === "") continue;
    if (field.kind === "number" || field.kind === "int") {
      const n = Number(cell.replace(/[£$€,]/g, ""));
      row[field.name] = Number.isFinite(n) ? n : cell; // a non-number is left for zod to name
    } else if (field.kind === "list") {
      row[field.name] = cell.split(";").map((s) => s.trim()).filter(Boolean);
    } else {
      row[field.name] = cell;
    }
  }
  return row;
}
