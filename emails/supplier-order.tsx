import { Section, Text } from "@react-email/components";
import { labelsFor, type Labels } from "@/lib/templates/labels";
import { sampleContext, type OrderContext } from "@/lib/templates/placeholders";
import { Frame, SAMPLE_BRAND, type Brand } from "./components/frame";
import { Paragraphs } from "./components/items";

// A purchase order to a supplier (family SUPPLIER_ORDER): the staff's message, the order lines and total, the closing.
// A claim (context.claim.level > 0) lists its lines with what was ordered, received and is still to come, no prices.
export type SupplierOrderEmailProps = { brand: Brand; lang: string; labels: Labels; body: string; closing: string; context: OrderContext };

const th = { fontSize: 12, color: "#52525b", textAlign: "left", padding: "4px 8px 4px 0", borderBottom: "1px solid #e4e4e7" } as const;
const td = { fontSize: 13, padding: "6px 8px 6px 0", verticalAlign: "top", borderBottom: "1px solid #f4f4f5" } as const;
const num = { ...td, textAlign: "right" } as const;

export default function SupplierOrderEmail(props: SupplierOrderEmailProps) {
  const { order, supplier } = props.context;
  const { labels } = props;
  return (
    <Frame brand={props.brand} preview={`${labels.orderNumber} ${order.number}`} lang={props.lang} openingHoursLabel={labels.openingHours}>
      <Section>
        <Text style={{ fontSize: 13, margin: "2px 0" }}>{supplier.name}{supplier.account_number ? ` · ${supplier.account_number}` : ""}</Text>
        <Text style={{ fontSize: 13, margin: "2px 0" }}>{labels.orderNumber} {order.number} · {labels.orderDate} {order.date}</Text>
      </Section>
      <Paragraphs text={props.body} />
      {props.context.claim.level > 0 ? <ClaimTable lines={order.lines} labels={labels} /> : (
      <table style={{ width: "100%", borderCollapse: "collapse", marginTop: 8 }} role="presentation" data-text-format="dataTable">
        <thead>
          <tr>
            <th style={th}>#</th><th style={th}>{labels.title}</th><th style={th}>{labels.isbn}</th>
            <th style={{ ...th, textAlign: "right" }}>{labels.quantity}</th><th style={{ ...th, textAlign: "right" }}>{labels.unitPrice}</th>
            <th style={{ ...th, textAlign: "right" }}>{labels.lineTotal}</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.line_no}>
              <td style={td}>{line.line_no}</td>
              <td style={td}><strong>{line.title}</strong>{line.author ? <><br />{line.author}</> : null}</td>
              <td style={td}>{line.isbn}</td>
              <td style={num}>{line.quantity}</td>
              <td style={num}>{line.unit_price}</td>
              <td style={num}>{line.line_total}</td>
            </tr>
          ))}
          {order.tax_rate !== "0%" ? <>
            <tr><td style={num} colSpan={5}>{labels.subtotal}</td><td style={num}>{order.subtotal}</td></tr>
            <tr><td style={num} colSpan={5}>{labels.tax} ({order.tax_rate})</td><td style={num}>{order.tax}</td></tr>
          </> : null}
          <tr><td style={{ ...num, fontWeight: 700 }} colSpan={5}>{labels.total}</td><td style={{ ...num, fontWeight: 700 }}>{order.total}</td></tr>
        </tbody>
      </table>)}
      {order.notes ? <Paragraphs text={order.notes} /> : null}
      <Paragraphs text={props.closing} />
    </Frame>
  );
}

function ClaimTable({ lines, labels }: { lines: OrderContext["order"]["lines"]; labels: Labels }) {
  return (
    <table style={{ width: "100%", borderCollapse: "collapse", marginTop: 8 }} role="presentation" data-text-format="dataTable">
      <thead>
        <tr>
          <th style={th}>#</th><th style={th}>{labels.title}</th><th style={th}>{labels.isbn}</th>
          <th style={{ ...th, textAlign: "right" }}>{labels.ordered}</th><th style={{ ...th, textAlign: "right" }}>{labels.received}</th>
          <th style={{ ...th, textAlign: "right" }}>{labels.outstanding}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.line_no}>
            <td style={td}>{line.line_no}</td>
            <td style={td}><strong>{line.title}</strong>{line.author ? <><br />{line.author}</> : null}</td>
            <td style={td}>{line.isbn}</td>
            <td style={num}>{line.quantity}</td>
            <td style={num}>{line.received}</td>
            <td style={{ ...num, fontWeight: 700 }}>{line.outstanding}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const context = sampleContext("SUPPLIER_ORDER") as OrderContext;
export const PreviewProps: SupplierOrderEmailProps = {
  brand: SAMPLE_BRAND,
  lang: "en",
  labels: labelsFor("en"),
  body: `Dear ${context.supplier.contact_name},\n\nPlease supply the following titles for ${context.library.name}.`,
  closing: `Kind regards,\nAcquisitions, ${context.library.name}`,
  context,
};
SupplierOrderEmail.PreviewProps = PreviewProps;
