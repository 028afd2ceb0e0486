import type { PatronPage } from "@/lib/patrons/get-patron";
import { formatDate, formatDateTime } from "@/lib/time/library-date";
import { EmptyNote } from "./empty-note";
import { rowClass, tableClass, tdClass, theadClass, thClass } from "./table-classes";

const label = (s: string) => s.toLowerCase().replaceAll("_", " ");

export function PatronLoans({ data }: { data: PatronPage }) {
  if (data.loans.length === 0) return <EmptyNote>No current loans.</EmptyNote>;
  return (
    <table className={tableClass} data-testid="patron-loans">
      <caption className="sr-only">Current loans</caption>
      <thead className={theadClass}><tr>
        <th scope="col" className={thClass}>Item</th><th scope="col" className={thClass}>Barcode</th>
        <th scope="col" className={thClass}>Lent</th><th scope="col" className={thClass}>Due</th>
        <th scope="col" className={`${thClass} text-right`}>Days overdue</th><th scope="col" className={thClass}>Status</th>
        <th scope="col" className={thClass}>Renewals</th>
      </tr></thead>
      <tbody>
        {data.loans.map((l) => (
          <tr key={l.id} className={rowClass}>
            <td className={tdClass}>{l.title}{l.author && <span className="text-zinc-600"> · {l.author}</span>}</td>
            <td className={`${tdClass} tabular-nums`}>{l.barcode}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{formatDateTime(l.loanedAt, data.timeZone)}</td>
            <td className={`${tdClass} whitespace-nowrap ${l.isOverdue ? "font-medium text-red-700" : ""}`}>{formatDate(l.dueDate)}</td>
            <td className={`${tdClass} text-right tabular-nums`}>{l.isOverdue ? l.daysOverdue : ""}</td>
            <td className={tdClass}>{l.isOverdue ? "overdue" : label(l.status)}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{l.renewals}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PatronReservations({ data }: { data: PatronPage }) {
  if (data.reservations.length === 0) return <EmptyNote>No reservations waiting or ready for pickup.</EmptyNote>;
  return (
    <table className={tableClass} data-testid="patron-reservations">
      <caption className="sr-only">Reservations</caption>
      <thead className={theadClass}><tr>
        <th scope="col" className={thClass}>Title</th><th scope="col" className={thClass}>Status</th>
        <th scope="col" className={thClass}>Pickup at</th><th scope="col" className={thClass}>Placed</th>
        <th scope="col" className={thClass}>Ready since</th><th scope="col" className={thClass}>Pick up by</th>
      </tr></thead>
      <tbody>
        {data.reservations.map((r) => (
          <tr key={r.id} className={rowClass}>
            <td className={tdClass}>{r.title}</td>
            <td className={tdClass}>{label(r.status)}</td>
            <td className={tdClass}>{r.pickupBranch}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{formatDateTime(r.placedAt, data.timeZone)}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{r.readyAt ? formatDateTime(r.readyAt, data.timeZone) : ""}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{r.pickupBy ? formatDate(r.pickupBy) : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PatronCharges({ data }: { data: PatronPage }) {
  if (data.charges.length === 0) return <EmptyNote>Nothing owed.</EmptyNote>;
  const money = new Intl.NumberFormat("en-GB", { style: "currency", currency: data.currency });
  return (
    <table className={tableClass} data-testid="patron-charges">
      <caption className="sr-only">Unpaid charges</caption>
      <thead className={theadClass}><tr>
        <th scope="col" className={thClass}>Charge</th><th scope="col" className={thClass}>Incurred</th>
        <th scope="col" className={`${thClass} text-right`}>Amount</th><th scope="col" className={`${thClass} text-right`}>Still owed</th>
      </tr></thead>
      <tbody>
        {data.charges.map((c) => (
          <tr key={c.id} className={rowClass}>
            <td className={tdClass}>{label(c.kind)}{c.description && <span className="text-zinc-600"> · {c.description}</span>}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{formatDateTime(c.createdAt, data.timeZone)}</td>
            <td className={`${tdClass} text-right tabular-nums`}>{money.format(Number(c.amount))}</td>
            <td className={`${tdClass} text-right tabular-nums`}>{money.format(Number(c.balance))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
