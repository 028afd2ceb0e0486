// Records for notice tests written the way an ILS writes them: through the API's batch upserts (lib/api/upsert.ts via
// runBatch) and circulation events (lib/api/events.ts), called in-process on a test library (engine-env.ts). Instants
// go in with the zone's offset at that local time ("2027-02-28T23:55:00+13:00"), as a client would send them.
import { applyEvents } from "@/lib/api/events";
import { runBatch } from "@/lib/api/batch";
import type { Resource } from "@/lib/api/schemas";
import { addDays } from "@/lib/notices/rules/day-count";
import { localDateTime } from "@/lib/time/library-date";
import { uid } from "../../factories";
import type { createEngineLibrary } from "./engine-env";

type Library = Pick<Awaited<ReturnType<typeof createEngineLibrary>>, "db" | "sql">;

const pad = (n: number) => String(n).padStart(2, "0");

/** A local wall-clock time ("YYYY-MM-DD HH:MM") in `zone` as an ISO instant carrying the zone's offset then. */
export function localInstant(zone: string, local: string): string {
  const [date, time] = local.split(" ");
  const wall = Date.parse(`${date}T${time}:00Z`);
  // The offset (minutes) of the zone at an instant: its wall clock read as UTC, minus the instant.
  const offsetAt = (ms: number) => {
    const l = localDateTime(zone, new Date(ms));
    return (Date.parse(`${l.date}T${l.time}:00Z`) - ms) / 60_000;
  };
  let offset = offsetAt(wall);
  offset = offsetAt(wall - offset * 60_000);
  const instant = `${date}T${time}:00${offset >= 0 ? "+" : "-"}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  if (localDateTime(zone, new Date(instant)).stamp !== local) throw new Error(`${local} does not exist in ${zone}`);
  return instant;
}

export type ApiPatron = { id: number; cardNumber: string; email: string | null; parentEmail: string | null };
export type ApiLoan = { id: number; externalId: string; barcode: string; title: string };
export type ApiReservation = { id: number; externalId: string };
export type ApiCharge = { id: number; externalId: string };

/** A factory over one library in one time zone. Every record gets unique keys, so cases never share rows. */
export function apiFactory(lib: Library, zone: string) {
  const caller = { tokenId: 0 };
  const at = (local: string) => localInstant(zone, local);
  const idOf = async (table: string, column: string, key: string): Promise<number> =>
    (await lib.sql.query(`SELECT id FROM "${table}" WHERE "${column}" = $1`, [key])).rows[0].id;
  const upsert = (resource: Resource, items: object[]) => runBatch(lib.db, resource, { items }, caller);
  const events = (items: object[]) => applyEvents(lib.db, { items }, caller);

  return {
    zone,
    at,
    upsert,
    events,

    async patron(o: {
      email?: string | null; parentEmail?: string; reminderDays?: number; registeredOn?: string; expiresOn?: string;
      category?: string; status?: "ACTIVE" | "DEBARRED"; firstName?: string;
    } = {}): Promise<ApiPatron> {
      const id = uid();
      const cardNumber = `K${id}`;
      const email = o.email === undefined ? `patron.${id}@example.net` : o.email;
      const parentEmail = o.parentEmail ?? null;
      await upsert("patrons", [{
        cardNumber, firstName: o.firstName ?? "Pat", lastName: `Ron ${id}`, email, homeBranch: "MAIN", category: o.category ?? "ADULT",
        registeredOn: o.registeredOn ?? "2025-01-01", expiresOn: o.expiresOn ?? "2030-01-01", status: o.status ?? "ACTIVE",
        reminderDays: o.reminderDays ?? null,
        ...(parentEmail ? { contacts: [{ kind: "PARENT", name: "Parent Ron", email: parentEmail }] } : {}),
      }]);
      return { id: await idOf("Patron", "cardNumber", cardNumber), cardNumber, email, parentEmail };
    },

    /** An item and a loan of it (the loans upsert), lent 21 days before its due date at noon, local time. */
    async loan(patron: ApiPatron, dueDate: string, o: { renewalsUsed?: number; renewalsAllowed?: number; cost?: number; title?: string; branch?: string } = {}): Promise<ApiLoan> {
      const id = uid();
      const barcode = `B${id}`;
      const title = o.title ?? `Book ${id}`;
      const externalId = `L${id}`;
      await upsert("items", [{ barcode, title, branch: "MAIN", replacementCost: o.cost ?? 12.99 }]);
      await upsert("loans", [{
        externalId, cardNumber: patron.cardNumber, barcode, branch: o.branch ?? "MAIN", loanedAt: at(`${addDays(dueDate, -21)} 12:00`), dueDate,
        renewalsUsed: o.renewalsUsed ?? 0, renewalsAllowed: o.renewalsAllowed ?? 3,
      }]);
      return { id: await idOf("Loan", "externalId", externalId), externalId, barcode, title };
    },

    /** A checkout at the desk (event), at a local time: also the patron's last activity. */
    async checkout(patron: ApiPatron, local: string, dueDate: string): Promise<ApiLoan> {
      const id = uid();
      const barcode = `B${id}`;
      const externalId = `L${id}`;
      await upsert("items", [{ barcode, title: `Book ${id}`, branch: "MAIN" }]);
      await events([{ type: "checkout", loanExternalId: externalId, cardNumber: patron.cardNumber, barcode, dueDate, at: at(local) }]);
      return { id: await idOf("Loan", "externalId", externalId), externalId, barcode, title: `Book ${id}` };
    },

    returned: (loan: ApiLoan, local: string) => events([{ type: "return", loanExternalId: loan.externalId, at: at(local) }]),
    status: (loan: ApiLoan, status: string, local: string) =>
      events([{ type: "loan-status", loanExternalId: loan.externalId, status, at: at(local) }]),
    resolve: (loan: ApiLoan, local: string, o: { notify?: boolean; status?: string } = {}) =>
      events([{ type: "loan-status-resolved", loanExternalId: loan.externalId, notify: o.notify ?? true, status: o.status ?? null, at: at(local) }]),

    /** A title reservation (the reservations upsert); readyAt / completedAt are local times. */
    async reservation(patron: ApiPatron, o: { status?: string; readyAt?: string; pickupBy?: string; completedAt?: string } = {}): Promise<ApiReservation> {
      const externalId = `R${uid()}`;
      await upsert("reservations", [{
        externalId, cardNumber: patron.cardNumber, title: "A reserved book", pickupBranch: "MAIN", status: o.status ?? "WAITING",
        placedAt: at("2026-11-01 10:00"), readyAt: o.readyAt ? at(o.readyAt) : null, pickupBy: o.pickupBy ?? null,
        completedAt: o.completedAt ? at(o.completedAt) : null,
      }]);
      return { id: await idOf("Reservation", "externalId", externalId), externalId };
    },
    ready: (r: ApiReservation, local: string, pickupBy: string) =>
      events([{ type: "reservation-ready", reservationExternalId: r.externalId, pickupBy, at: at(local) }]),
    finished: (r: ApiReservation, status: string, local: string) =>
      events([{ type: "reservation-finished", reservationExternalId: r.externalId, status, at: at(local) }]),

    /** A charge (the charges upsert) incurred at a local time. */
    async charge(patron: ApiPatron, local: string, o: { amount?: number; balance?: number; kind?: string; loan?: ApiLoan } = {}): Promise<ApiCharge> {
      const externalId = `C${uid()}`;
      const amount = o.amount ?? 3.5;
      await upsert("charges", [{
        externalId, cardNumber: patron.cardNumber, loanExternalId: o.loan?.externalId ?? null, kind: o.kind ?? "DAMAGE",
        amount, balance: o.balance ?? amount, createdAt: at(local),
      }]);
      return { id: await idOf("Charge", "externalId", externalId), externalId };
    },
    paid: (c: ApiCharge, local: string) => events([{ type: "charge-paid", chargeExternalId: c.externalId, at: at(local) }]),

    /** For the few instants the API dates "now" and takes from no client (a patron's debarral, change of category). */
    sqlSetInstant: async (table: "Patron", column: "statusSetAt" | "categorySetAt", id: number, local: string) => {
      await lib.sql.query(`UPDATE "${table}" SET "${column}" = $2::timestamptz WHERE id = $1`, [id, at(local)]);
    },
  };
}

export type ApiFactory = ReturnType<typeof apiFactory>;
