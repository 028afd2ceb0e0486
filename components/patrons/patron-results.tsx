import Link from "next/link";
import type { PatronHit } from "@/lib/patrons/search-patrons";
import { rowClass, tableClass, tdClass, theadClass, thClass } from "./table-classes";

export function PatronResults({ hits }: { hits: PatronHit[] }) {
  return (
    <table className={tableClass} data-testid="patron-results">
      <caption className="sr-only">Patrons found</caption>
      <thead className={theadClass}>
        <tr>
          <th scope="col" className={thClass}>Name</th>
          <th scope="col" className={thClass}>Card</th>
          <th scope="col" className={thClass}>Category</th>
          <th scope="col" className={thClass}>Home branch</th>
          <th scope="col" className={thClass}>Email</th>
          <th scope="col" className={`${thClass} text-right`}>Loans</th>
          <th scope="col" className={`${thClass} text-right`}>Overdue</th>
        </tr>
      </thead>
      <tbody>
        {hits.map((p) => (
          <tr key={p.id} className={rowClass}>
            <td className={tdClass}>
              <Link href={`/patrons/${p.id}`} className="font-medium text-blue-800 hover:underline">{p.lastName}, {p.firstName}</Link>
              {p.status !== "ACTIVE" && <span className="ml-2 text-xs text-zinc-600">{p.status.toLowerCase()}</span>}
            </td>
            <td className={`${tdClass} tabular-nums`}>{p.cardNumber}</td>
            <td className={tdClass}>{p.category}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{p.homeBranch}</td>
            <td className={`${tdClass} break-words`}>{p.email ?? <span className="text-zinc-500">none</span>}</td>
            <td className={`${tdClass} text-right tabular-nums`}>{p.loans}</td>
            <td className={`${tdClass} text-right tabular-nums ${p.overdue > 0 ? "font-medium text-red-700" : ""}`}>{p.overdue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
