import { Heading, Hr, Section } from "@react-email/components";
import { Fragment } from "react";
import type { TemplateFamily } from "@/lib/generated/prisma/enums";
import { labelsFor, letterGreeting, type Labels } from "@/lib/templates/labels";
import { sampleNoticeContext, type NoticeContext } from "@/lib/templates/placeholders";
import { Frame, SAMPLE_BRAND, type Brand } from "./components/frame";
import { AccountFacts, ChargeItems, LoanItems, Paragraphs, ReservationItems } from "./components/items";

// A patron notice is one letter: one greeting, then one section per scenario in the delivery (separation groups decide
// which travel together), each the staff's rendered message and the family's items, under a heading when there are
// several, then one closing. The same letter makes the print form.
export type NoticeFamily = Exclude<TemplateFamily, "SUPPLIER_ORDER">;

export type NoticeSectionProps = {
  family: NoticeFamily;
  heading: string | null;
  body: string;
  showItemCost: boolean;
  context: NoticeContext;
};

export type NoticeLetterProps = { greeting: string; sections: NoticeSectionProps[]; closing: string };

export type NoticeEmailProps = { brand: Brand; lang: string; labels: Labels; preview: string; letter: NoticeLetterProps };

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

const headingStyle = { fontSize: 16, fontWeight: 700, lineHeight: "22px", margin: "16px 0 4px" } as const;

export function NoticeLetter({ letter, labels }: { letter: NoticeLetterProps; labels: Labels }) {
  return (
    <>
      <Paragraphs text={letter.greeting} />
      {letter.sections.map((section, i) => (
        <Fragment key={i}>
          {i > 0 ? <Hr style={{ borderColor: "#e4e4e7", margin: "20px 0" }} /> : null}
          <Section>
            {section.heading ? <Heading as="h2" style={headingStyle}>{section.heading}</Heading> : null}
            <Paragraphs text={section.body} />
            <Items section={section} labels={labels} />
          </Section>
        </Fragment>
      ))}
      <Paragraphs text={letter.closing} />
    </>
  );
}

export function NoticeEmail(props: NoticeEmailProps) {
  return (
    <Frame brand={props.brand} preview={props.preview} lang={props.lang} openingHoursLabel={props.labels.openingHours}>
      <NoticeLetter letter={props.letter} labels={props.labels} />
    </Frame>
  );
}

/** A family's preview: the sample context with wording like the seeded templates'. */
export function previewNotice(family: NoticeFamily, body: string, heading: string | null = null): NoticeEmailProps {
  const context = sampleNoticeContext(family);
  const labels = labelsFor("en");
  return {
    brand: SAMPLE_BRAND,
    lang: "en",
    labels,
    preview: body.split("\n")[0],
    letter: {
      greeting: letterGreeting(labels, context),
      sections: [{ family, context, showItemCost: family === "LOAN", heading, body }],
      closing: `Yours sincerely,\n${context.library.name}`,
    },
  };
}

const loanPreview = previewNotice("LOAN", "These items are a week or more overdue. Please return or renew them.", "Overdue reminder: 1 week");
const reservationPreview = previewNotice("RESERVATION", "These items are waiting for you at the pickup branch.", "Your reservation is ready");

// A delivery that carries two scenarios' notices (they share a separation group): one letter, a heading per section.
export const PreviewProps: NoticeEmailProps = {
  ...loanPreview,
  letter: { ...loanPreview.letter, sections: [...loanPreview.letter.sections, ...reservationPreview.letter.sections] },
};

// React Email's preview server reads PreviewProps from the component.
NoticeEmail.PreviewProps = PreviewProps;
export default NoticeEmail;
