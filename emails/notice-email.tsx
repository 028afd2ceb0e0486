import { Column, Row, Section, Text } from "@react-email/components";
import { Frame } from "./components/frame";

// The default notice layout until staff-editable templates arrive: one section per scenario in the delivery,
// each listing its loans, reservations, charges or account facts.
export type NoticeRow =
  | { type: "loan"; title: string; author: string | null; barcode: string; dueDate: string; daysOverdue: number | null; cost: string | null }
  | { type: "reservation"; title: string; pickupBranch: string; pickupBy: string | null }
  | { type: "charge"; description: string; amount: string; balance: string }
  | { type: "account"; text: string };

export type NoticeSection = { heading: string; intro: string; rows: NoticeRow[] };

export type NoticeEmailProps = {
  libraryName: string;
  footer: string;
  recipientName: string;
  // Set when the recipient is a contact (parent, guardian...) rather than the patron.
  aboutPatron: string | null;
  sections: NoticeSection[];
};

const cell = { fontSize: 13, padding: "4px 8px 4px 0", verticalAlign: "top" } as const;

function RowLine({ row }: { row: NoticeRow }) {
  switch (row.type) {
    case "loan":
      return (
        <Row>
          <Column style={cell}><strong>{row.title}</strong>{row.author ? ` — ${row.author}` : ""}<br />{row.barcode}</Column>
          <Column style={cell}>Due {row.dueDate}{row.daysOverdue && row.daysOverdue > 0 ? ` (${row.daysOverdue} days overdue)` : ""}</Column>
          {row.cost ? <Column style={cell}>Replacement cost {row.cost}</Column> : null}
        </Row>
      );
    case "reservation":
      return (
        <Row>
          <Column style={cell}><strong>{row.title}</strong></Column>
          <Column style={cell}>At {row.pickupBranch}{row.pickupBy ? `, collect by ${row.pickupBy}` : ""}</Column>
        </Row>
      );
    case "charge":
      return (
        <Row>
          <Column style={cell}>{row.description}</Column>
          <Column style={cell}>{row.balance} outstanding (of {row.amount})</Column>
        </Row>
      );
    case "account":
      return <Text style={{ fontSize: 13 }}>{row.text}</Text>;
  }
}

export function NoticeEmail(props: NoticeEmailProps) {
  return (
    <Frame libraryName={props.libraryName} preview={props.sections[0]?.heading ?? "Library notice"} footer={props.footer}>
      <Text>Dear {props.recipientName},</Text>
      {props.aboutPatron ? <Text>We are writing to you as a contact for {props.aboutPatron}.</Text> : null}
      {props.sections.map((section, i) => (
        <Section key={i} style={{ marginTop: 16 }}>
          <Text style={{ fontSize: 16, fontWeight: 700, margin: "8px 0" }}>{section.heading}</Text>
          <Text style={{ margin: "4px 0 8px" }}>{section.intro}</Text>
          {section.rows.map((row, j) => <RowLine key={j} row={row} />)}
        </Section>
      ))}
    </Frame>
  );
}

export const PreviewProps: NoticeEmailProps = {
  libraryName: "Riverside Public Library",
  footer: "Riverside Public Library · 1 Library Square, Riverside RV1 1AA",
  recipientName: "Olivia Taylor",
  aboutPatron: null,
  sections: [
    {
      heading: "Second overdue notice",
      intro: "These items are two weeks or more overdue. Please return them now.",
      rows: [
        { type: "loan", title: "The Silent Garden", author: "Smith, Ava", barcode: "B000000042", dueDate: "2026-01-12", daysOverdue: 15, cost: null },
        { type: "loan", title: "The Glass Harbour", author: null, barcode: "B000000043", dueDate: "2026-01-20", daysOverdue: 7, cost: null },
      ],
    },
    {
      heading: "Your reservation is ready",
      intro: "These items are waiting for you at the pickup branch.",
      rows: [{ type: "reservation", title: "The Paper Atlas", pickupBranch: "Central Library", pickupBy: "2026-02-04" }],
    },
  ],
};

// React Email's preview server reads PreviewProps from the component.
NoticeEmail.PreviewProps = PreviewProps;
export default NoticeEmail;
