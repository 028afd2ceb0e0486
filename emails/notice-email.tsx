import { Hr, Section } from "@react-email/components";
import { Fragment } from "react";
import type { TemplateFamily } from "@/lib/generated/prisma/enums";
import { labelsFor, type Labels } from "@/lib/templates/labels";
import { sampleNoticeContext, type NoticeContext } from "@/lib/templates/placeholders";
import { Frame, SAMPLE_BRAND, type Brand } from "./components/frame";
import { AccountFacts, ChargeItems, LoanItems, Paragraphs, ReservationItems } from "./components/items";

// A patron notice: one section per scenario in the delivery (separation groups decide which travel together), each
// the staff's rendered message, the family's items, and the closing. The same sections make the print form.
export type NoticeFamily = Exclude<TemplateFamily, "SUPPLIER_ORDER">;

export type NoticeSectionProps = {
  family: NoticeFamily;
  body: string;
  closing: string;
  showItemCost: boolean;
  context: NoticeContext;
};

export type NoticeEmailProps = { brand: Brand; lang: string; labels: Labels; preview: string; sections: NoticeSectionProps[] };

function Items({ section, labels }: { section: NoticeSectionProps; labels: Labels }) {
  const { context } = section;
  switch (section.family) {
    case "LOAN":
      return <LoanItems loans={context.loans} showItemCost={section.showItemCost} labels={labels} />;
    case "RESERVATION":
      return <ReservationItems reservations={context.reservations} labels={labels} />;
    case "CHARGE":
      return <ChargeItems charges={context.charges} totalDue={context.total_due} labels={labels} />;
    case "ACCOUNT":
      return <AccountFacts account={context.account} cardNumber={context.patron.card_number} labels={labels} />;
  }
}

export function NoticeSections({ sections, labels }: { sections: NoticeSectionProps[]; labels: Labels }) {
  return (
    <>
      {sections.map((section, i) => (
        <Fragment key={i}>
          {i > 0 ? <Hr style={{ borderColor: "#e4e4e7", margin: "20px 0" }} /> : null}
          <Section>
            <Paragraphs text={section.body} />
            <Items section={section} labels={labels} />
            <Paragraphs text={section.closing} />
          </Section>
        </Fragment>
      ))}
    </>
  );
}

export function NoticeEmail(props: NoticeEmailProps) {
  return (
    <Frame brand={props.brand} preview={props.preview} lang={props.lang} openingHoursLabel={props.labels.openingHours}>
      <NoticeSections sections={props.sections} labels={props.labels} />
    </Frame>
  );
}

/** A family's preview: the sample context with wording like the seeded templates'. */
export function previewNotice(family: NoticeFamily, body: string): NoticeEmailProps {
  const context = sampleNoticeContext(family);
  return {
    brand: SAMPLE_BRAND,
    lang: "en",
    labels: labelsFor("en"),
    preview: body.split("\n")[0],
    sections: [{
      family, context, showItemCost: family === "LOAN",
      body: `Dear ${context.contact.name},\n\n${body}`,
      closing: `Yours sincerely,\n${context.library.name}`,
    }],
  };
}

const loanPreview = previewNotice("LOAN", "These items are a week or more overdue. Please return or renew them.");
const reservationPreview = previewNotice("RESERVATION", "Your reservation is waiting for you.");

// A delivery that carries two scenarios' notices (they share a separation group).
export const PreviewProps: NoticeEmailProps = {
  ...loanPreview,
  sections: [...loanPreview.sections, { ...reservationPreview.sections[0], body: "Your reservation is also waiting for you." }],
};

// React Email's preview server reads PreviewProps from the component.
NoticeEmail.PreviewProps = PreviewProps;
export default NoticeEmail;
