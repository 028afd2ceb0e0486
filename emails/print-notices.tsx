import { Body, Head, Html, Text } from "@react-email/components";
import { labelsFor, type Labels } from "@/lib/templates/labels";
import { BrandFooter, BrandHeader, SAMPLE_BRAND, brandIn, type Brand } from "./components/frame";
import { NoticeLetter, PreviewProps as NoticePreview, type NoticeLetterProps } from "./notice-email";

// The print form of notices that go to print: one notice per A4 page, the recipient's address placed for the window
// of a DL / C5 window envelope (left 20 mm, top 45 mm, 90 x 35 mm), the same letter as the email below it, and the
// footer in the letter's language.
export type PrintedNotice = {
  recipient: string;
  addressLines: string[];
  date: string;
  subject: string;
  lang: string;
  labels: Labels;
  letter: NoticeLetterProps;
};

export type PrintNoticesProps = { brand: Brand; title: string; notices: PrintedNotice[] };

const css = `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: Helvetica, Arial, sans-serif; color: #18181b; background: #e4e4e7; }
.page { position: relative; width: 210mm; min-height: 297mm; padding: 15mm 20mm 20mm; margin: 0 auto 8mm; background: #fff;
  page-break-after: always; break-after: page; }
.page:last-child { page-break-after: auto; break-after: auto; }
.window { position: absolute; left: 20mm; top: 45mm; width: 90mm; height: 35mm; overflow: hidden; font-size: 11pt; line-height: 1.3; }
.window p { margin: 0; }
.content { margin-top: 75mm; }
.date { position: absolute; right: 20mm; top: 45mm; font-size: 10pt; }
@media print { body { background: #fff; } .page { margin: 0; } }
`;

export default function PrintNotices(props: PrintNoticesProps) {
  return (
    <Html lang={props.notices[0]?.lang ?? "en"}>
      <Head>
        <title>{props.title}</title>
        <style>{css}</style>
      </Head>
      <Body>
        {props.notices.map((notice, i) => (
          <div className="page" key={i} data-testid="printed-notice">
            <BrandHeader brand={props.brand} />
            <div className="window">
              <p>{notice.recipient}</p>
              {notice.addressLines.map((line, j) => <p key={j}>{line}</p>)}
            </div>
            <div className="date">{notice.date}</div>
            <div className="content">
              <Text style={{ fontSize: 16, fontWeight: 700 }}>{notice.subject}</Text>
              <NoticeLetter letter={notice.letter} labels={notice.labels} />
              <BrandFooter brand={brandIn(props.brand, notice.lang)} openingHoursLabel={notice.labels.openingHours} />
            </div>
          </div>
        ))}
      </Body>
    </Html>
  );
}

export const PreviewProps: PrintNoticesProps = {
  brand: SAMPLE_BRAND,
  title: "Print notices",
  notices: [{
    recipient: "Olivia Taylor",
    addressLines: ["12 Mill Lane", "Riverside", "RV2 3BB"],
    date: "27 Nov 2026",
    subject: "Final overdue notice",
    lang: "en",
    labels: labelsFor("en"),
    letter: NoticePreview.letter,
  }],
};
PrintNotices.PreviewProps = PreviewProps;
