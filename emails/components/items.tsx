import { Section, Text } from "@react-email/components";
import type { Labels } from "@/lib/templates/labels";
import type { ChargeLine, LoanLine, NoticeContext, ReservationLine } from "@/lib/templates/placeholders";

// The items part of each notice family's layout: a table of loans, reservations or charges, or the account facts.
// Every value is a React text child, so patron and item data are escaped, never markup.

const th = { fontSize: 12, color: "#52525b", textAlign: "left", padding: "4px 8px 4px 0", borderBottom: "1px solid #e4e4e7" } as const;
const td = { fontSize: 13, padding: "6px 8px 6px 0", verticalAlign: "top", borderBottom: "1px solid #f4f4f5" } as const;
const table = { width: "100%", borderCollapse: "collapse", marginTop: 8 } as const;
// data-text-format: the text part shows these as aligned text tables (lib/mail/render-email.ts).
const tableProps = { role: "presentation", "data-text-format": "dataTable" } as const;

/** Staff text as paragraphs: a blank line starts a paragraph, a single newline breaks the line. */
export function Paragraphs({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return (
    <>
      {paragraphs.map((p, i) => (
        <Text key={i} style={{ fontSize: 14, lineHeight: "20px", margin: "8px 0" }}>
          {p.split("\n").flatMap((line, j) => (j === 0 ? [line] : [<br key={j} />, line]))}
        </Text>
      ))}
    </>
  );
}

export function LoanItems({ loans, showItemCost, labels }: { loans: LoanLine[]; showItemCost: boolean; labels: Labels }) {
  const showOverdue = loans.some((l) => l.days_overdue > 0);
  const showFine = loans.some((l) => l.fine !== "");
  return (
    <table style={table} {...tableProps}>
      <thead>
        <tr>
          <th style={th}>{labels.title}</th>
          <th style={th}>{labels.barcode}</th>
          <th style={th}>{labels.dueDate}</th>
          {showOverdue ? <th style={th}>{labels.daysOverdue}</th> : null}
          {showFine ? <th style={th}>{labels.fine}</th> : null}
          {showItemCost ? <th style={th}>{labels.replacementCost}</th> : null}
        </tr>
      </thead>
      <tbody>
        {loans.map((loan, i) => (
          <tr key={i}>
            <td style={td}><strong>{loan.title}</strong>{loan.author ? <><br />{loan.author}</> : null}</td>
            <td style={td}>{loan.barcode}</td>
            <td style={td}>{loan.due_date}</td>
            {showOverdue ? <td style={td}>{loan.days_overdue > 0 ? loan.days_overdue : ""}</td> : null}
            {showFine ? <td style={td}>{loan.fine}</td> : null}
            {showItemCost ? <td style={td}>{loan.replacement_cost}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReservationItems({ reservations, labels }: { reservations: ReservationLine[]; labels: Labels }) {
  return (
    <table style={table} {...tableProps}>
      <thead>
        <tr><th style={th}>{labels.title}</th><th style={th}>{labels.pickupBranch}</th><th style={th}>{labels.pickupBy}</th></tr>
      </thead>
      <tbody>
        {reservations.map((r, i) => (
          <tr key={i}>
            <td style={td}><strong>{r.title}</strong>{r.author ? <><br />{r.author}</> : null}</td>
            <td style={td}>{r.pickup_branch}</td>
            <td style={td}>{r.pickup_by}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ChargeItems({ charges, totalDue, labels }: { charges: ChargeLine[]; totalDue: string; labels: Labels }) {
  return (
    <table style={table} {...tableProps}>
      <thead>
        <tr><th style={th}>{labels.description}</th><th style={th}>{labels.date}</th><th style={th}>{labels.amount}</th><th style={th}>{labels.balance}</th></tr>
      </thead>
      <tbody>
        {charges.map((c, i) => (
          <tr key={i}><td style={td}>{c.description}</td><td style={td}>{c.date}</td><td style={td}>{c.amount}</td><td style={td}>{c.balance}</td></tr>
        ))}
        <tr><td style={{ ...td, fontWeight: 700 }} colSpan={3}>{labels.totalDue}</td><td style={{ ...td, fontWeight: 700 }}>{totalDue}</td></tr>
      </tbody>
    </table>
  );
}

export function AccountFacts({ account, cardNumber, labels }: { account: NoticeContext["account"]; cardNumber: string; labels: Labels }) {
  return (
    <Section style={{ marginTop: 8 }}>
      <Text style={{ fontSize: 13, margin: "2px 0" }}>{labels.cardNumber}: {cardNumber}</Text>
      <Text style={{ fontSize: 13, margin: "2px 0" }}>{labels.expiresOn}: {account.expires_on}</Text>
    </Section>
  );
}
