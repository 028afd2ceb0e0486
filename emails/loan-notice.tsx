import { NoticeEmail, previewNotice, type NoticeEmailProps } from "./notice-email";

// The loan notice layout (family LOAN): the staff's message, the loan items, the closing, in the library's frame.
export default function LoanNoticeEmail(props: NoticeEmailProps) {
  return <NoticeEmail {...props} />;
}

export const PreviewProps = previewNotice("LOAN", "These items are a week or more overdue. Please return or renew them.");
LoanNoticeEmail.PreviewProps = PreviewProps;
